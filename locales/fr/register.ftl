# register texts (fr): /register (My characters).

register-header-count = **Mes personnages** · { $count ->
        [one] { $count } enregistré
       *[other] { $count } enregistrés
    }
register-header-selected = **Mes personnages** · { $name } sélectionné
register-header-remove = **Mes personnages** · Retirer **{ $name }** ? { $open ->
        [0] Il n'a aucune demande ouverte.
        [one] Cela annule sa demande ouverte.
       *[other] Cela annule ses { $open } demandes ouvertes.
    }
register-card-title = Personnages
register-empty = Aucun personnage pour l'instant. Ajoute d'abord ton principal.
register-placeholder-manage = Modifier ou retirer un personnage…
register-character-main = Principal
register-character-alt = Reroll
register-button-add = Ajouter un personnage
register-button-edit = Modifier
register-button-remove = Retirer
register-button-keep = Le garder
register-button-back = Retour

## The character form (title and labels at most 45 characters)
register-modal-add = Enregistrer un personnage
register-modal-edit = Modifier le personnage
register-input-name = Nom du personnage
register-input-kind = main (principal) ou alt (reroll)
register-input-professions = Métiers (séparés par des virgules)

## Refusals
register-refusal-gone = Ce personnage n'existe plus.
register-refusal-taken = Tu as déjà un personnage nommé { $name }.
register-refusal-kind = Tape `main` ou `alt`, pas { $typed }.
register-refusal-profession = { $typed } n'est pas un métier ici. Connus : { $known }.
