# /catalog: officers upload, download and reset a profession's catalog (src/flow/catalog.rs,
# src/discord/catalog.rs). Answers follow the officer's language; the log channel's post
# follows the guild's. What quotes the admin's file (names, the loader's problems) is data.

catalog-refusal-not-allowed = Solo los oficiales (el rol de oficial elegido con `/{ commands-setup-name }`) o los miembros con el permiso **Gestionar servidor** pueden cambiar el catálogo, así que no ha cambiado nada. `/{ commands-catalog-name } { commands-catalog-download-name }` muestra el actual a cualquiera.
catalog-refusal-file-managed = El catálogo de este servidor es el archivo del operador (su tabla `[[guild]]` en config.toml), así que no se puede cambiar desde Discord y no ha cambiado nada. Pide al operador del bot que edite los archivos del catálogo; `/{ commands-catalog-name } { commands-catalog-download-name }` muestra el actual.
catalog-refusal-bad-profession = { $name } no es un nombre de profesión: usa minúsculas, dígitos, `-` o `_` (32 como máximo), p. ej. `enchanting`. No ha cambiado nada.
catalog-refusal-too-big = `{ $file }` ocupa { $size } KiB; un archivo de catálogo puede ocupar como máximo { $max } KiB. No ha cambiado nada.
catalog-refusal-empty = Ese archivo está vacío. Adjunta el JSON del catálogo de la profesión. No ha cambiado nada.
catalog-refusal-not-json = `{ $file }` es { $kind }, no un archivo JSON. Adjunta el JSON del catálogo de la profesión (p. ej. `enchanting.json`). No ha cambiado nada.
catalog-refusal-larger = Ese archivo ocupa más de { $max } KiB, el máximo para un archivo de catálogo. No ha cambiado nada.
catalog-refusal-not-utf8 = Ese archivo no es texto UTF-8. Guarda el catálogo como JSON en UTF-8 y vuelve a subirlo. No ha cambiado nada.
catalog-refusal-no-file = Adjunta el archivo JSON del catálogo de la profesión (la opción `file`). No ha cambiado nada.
catalog-refusal-download-failed = No he podido descargar ese archivo de Discord. No ha cambiado nada; vuelve a subirlo.
catalog-refusal-never-uploaded = El catálogo **{ $profession }** nunca se ha subido aquí: ya es el integrado, así que no ha cambiado nada.
catalog-refusal-unknown = Aquí no hay ningún catálogo **{ $profession }**. Las profesiones son: { $professions }.

catalog-problems-head = { $count ->
    [one] ❌ El catálogo no ha cambiado: el archivo tiene { $count } problema.
   *[other] ❌ El catálogo no ha cambiado: el archivo tiene { $count } problemas.
}
catalog-problems-more = …y { $count } más.
catalog-problems-foot = Corrígelos y vuelve a subir el archivo (`/{ commands-catalog-name } { commands-catalog-download-name }` te da el actual como punto de partida).

catalog-served-uploaded-items = { $count ->
    [one] subido ({ $count } objeto)
   *[other] subido ({ $count } objetos)
}
catalog-served-uploaded = subido
catalog-served-built-in = integrado
catalog-served-none = ninguno

catalog-uploaded = ✅ El catálogo **{ $profession }** tiene ahora { $items } { $items ->
        [one] objeto
       *[other] objetos
    } ({ $before } → { $after }). `/{ commands-request-name }` los ofrece a partir de ahora; `/{ commands-catalog-name } { commands-catalog-reset-name } { commands-catalog-profession-name }:{ $profession }` vuelve al integrado.
catalog-reset = ✅ El catálogo **{ $profession }** se ha restablecido ({ $before } → { $after }). { $served }
catalog-reset-gone = No hay un catálogo **{ $profession }** integrado, así que la profesión desaparece de `/{ commands-request-name }`.
catalog-reset-built-in = `/{ commands-request-name }` ofrece los objetos integrados a partir de ahora.
catalog-download = El catálogo **{ $profession }** actual ({ $source ->
        [uploaded] subido
        [file] el archivo del operador
       *[built-in] integrado
    }). Edítalo y vuelve a subirlo con `/{ commands-catalog-name } { commands-catalog-upload-name }`.
catalog-log-changed = 📚 <@{ $user }> ha cambiado el catálogo **{ $profession }**: { $before } → { $after }.
