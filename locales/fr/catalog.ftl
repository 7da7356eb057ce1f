# /catalog: officers upload, download and reset a profession's catalog (src/flow/catalog.rs,
# src/discord/catalog.rs). Answers follow the officer's language; the log channel's post
# follows the guild's. What quotes the admin's file (names, the loader's problems) is data.

catalog-refusal-not-allowed = Seuls les officiers (le rôle d'officier choisi avec `/{ commands-setup-name }`) ou les membres avec la permission **Gérer le serveur** peuvent modifier le catalogue, donc rien n'a changé. `/{ commands-catalog-name } { commands-catalog-download-name }` montre l'actuel à tout le monde.
catalog-refusal-file-managed = Le catalogue de ce serveur est le fichier de l'opérateur (sa table `[[guild]]` dans config.toml) : il ne peut pas être modifié depuis Discord, donc rien n'a changé. Demande à l'opérateur du bot de modifier les fichiers du catalogue ; `/{ commands-catalog-name } { commands-catalog-download-name }` montre l'actuel.
catalog-refusal-bad-profession = { $name } n'est pas un nom de métier : utilise des minuscules, des chiffres, `-` ou `_` (32 au plus), p. ex. `enchanting`. Rien n'a changé.
catalog-refusal-too-big = `{ $file }` fait { $size } KiB ; un fichier de catalogue fait au plus { $max } KiB. Rien n'a changé.
catalog-refusal-empty = Ce fichier est vide. Joins le JSON du catalogue du métier. Rien n'a changé.
catalog-refusal-not-json = `{ $file }` est de type { $kind }, pas un fichier JSON. Joins le JSON du catalogue du métier (p. ex. `enchanting.json`). Rien n'a changé.
catalog-refusal-larger = Ce fichier dépasse { $max } KiB, le maximum pour un fichier de catalogue. Rien n'a changé.
catalog-refusal-not-utf8 = Ce fichier n'est pas du texte UTF-8. Enregistre le catalogue en JSON UTF-8 et importe-le de nouveau. Rien n'a changé.
catalog-refusal-no-file = Joins le fichier JSON du catalogue du métier (l'option `file`). Rien n'a changé.
catalog-refusal-download-failed = Je n'ai pas pu télécharger ce fichier depuis Discord. Rien n'a changé ; importe-le de nouveau.
catalog-refusal-never-uploaded = Le catalogue **{ $profession }** n'a jamais été importé ici : c'est déjà celui intégré, donc rien n'a changé.
catalog-refusal-unknown = Il n'y a pas de catalogue **{ $profession }** ici. Les métiers sont : { $professions }.

catalog-problems-head = { $count ->
    [one] ❌ Le catalogue n'a pas été modifié : le fichier a { $count } problème.
   *[other] ❌ Le catalogue n'a pas été modifié : le fichier a { $count } problèmes.
}
catalog-problems-more = …et { $count } de plus.
catalog-problems-foot = Corrige-les et importe de nouveau le fichier (`/{ commands-catalog-name } { commands-catalog-download-name }` donne l'actuel comme point de départ).

catalog-served-uploaded-items = { $count ->
    [one] importé ({ $count } objet)
   *[other] importé ({ $count } objets)
}
catalog-served-uploaded = importé
catalog-served-built-in = intégré
catalog-served-none = aucun

catalog-uploaded = ✅ Le catalogue **{ $profession }** a maintenant { $items } { $items ->
        [one] objet
       *[other] objets
    } ({ $before } → { $after }). `/{ commands-request-name }` les propose dès maintenant ; `/{ commands-catalog-name } { commands-catalog-reset-name } { commands-catalog-profession-name }:{ $profession }` revient à celui intégré.
catalog-reset = ✅ Le catalogue **{ $profession }** est réinitialisé ({ $before } → { $after }). { $served }
catalog-reset-gone = Il n'y a pas de catalogue **{ $profession }** intégré, donc le métier disparaît de `/{ commands-request-name }`.
catalog-reset-built-in = `/{ commands-request-name }` propose les objets intégrés dès maintenant.
catalog-download = Le catalogue **{ $profession }** actuel ({ $source ->
        [uploaded] importé
        [file] le fichier de l'opérateur
       *[built-in] intégré
    }). Modifie-le et importe-le de nouveau avec `/{ commands-catalog-name } { commands-catalog-upload-name }`.
catalog-log-changed = 📚 <@{ $user }> a modifié le catalogue **{ $profession }** : { $before } → { $after }.
