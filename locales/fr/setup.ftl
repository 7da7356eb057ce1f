# /setup: what a guild's admins read while setting craftdesk up (src/flow/setup,
# src/discord/setup.rs). The screens follow the admin's language; the log channel's post of
# a change follows the guild's.

## The pages

setup-title = Configuration de craftdesk · { $page } ({ $number }/{ $pages })
setup-page-channels = Salons
setup-page-roles = Journal et rôles
setup-page-crafters = Artisans
setup-page-options = Notifications et limites
setup-help-channels = **Catégorie de demandes** : le salon de demande privé de chaque membre y est créé (mode salon). **Débordement** : utilisé quand elle est pleine (50 salons). **Panneau** : le bouton Créer une demande y est publié et épinglé ; le changer déplace le panneau. **Tableau** : les demandes ouvertes y sont publiées pour les artisans.
setup-help-roles = **Journal** : chaque changement de demande et de paramètres y est publié. Les **officiers** gèrent toutes les demandes et le catalogue. Les membres **principaux** peuvent demander des matériaux fabriqués par la guilde. **Rôle d'inscription** : qui peut faire des demandes (aucun : tout le monde).
setup-help-crafters = Choisis un métier, puis le rôle de ses artisans : ils voient et prennent ses demandes dès le prochain clic.
setup-help-options = Choisis ce que les membres apprennent en MP, et règle les limites de demandes.
setup-still-to-do = **Reste à faire :**
setup-problem-no-category = Le mode salon a besoin d'une catégorie de demandes.
setup-problem-no-panel = Pas de salon de panneau : les membres peuvent quand même utiliser `/{ commands-request-name }`.
setup-problem-no-board = Pas de salon de tableau : les artisans utilisent `/{ commands-requests-name }` pour trouver du travail.
setup-applies-next-click = Chaque changement s'applique dès le prochain clic et est publié dans le salon de journal.
setup-file-managed = Ce serveur est géré par le fichier de configuration du bot (une table `[[guild]]`) : ses paramètres sont affichés ici en lecture seule. Demande à l'opérateur du bot de les modifier là-bas.
setup-file-managed-title = Paramètres de craftdesk (depuis le fichier)

## The current settings (the card's fields)

setup-field-mode = Mode
setup-field-categories = Catégorie de demandes · débordement
setup-field-channels = Panneau · tableau · journal
setup-field-roles = Rôles officier · principal · inscription
setup-field-crafters = Rôles d'artisan
setup-field-notifications = Notifications
setup-field-limits = Limites
setup-field-language = Langue des messages partagés

## Values

setup-none = aucun
setup-on = activé
setup-off = désactivé
setup-mode-channel = salon (un salon privé par membre)
setup-mode-dm = MP (les échanges se font en messages privés)
setup-limits-value = { $max_open } demandes ouvertes par membre, { $burst } envois d'un coup, puis { $per_minute } par minute
setup-language-discord-short = Langue du serveur Discord
setup-language-discord = Langue du serveur Discord (actuellement : { $language })
setup-profession-role = rôle { $role }
setup-notify-claim = prise en charge
setup-notify-start = début
setup-notify-complete = fin
setup-notify-release = libération
setup-notify-deny = refus
setup-notify-cancel = annulation
setup-notify-reassign = réattribution

## Menus and buttons (placeholders at most 150 characters, labels at most 80)

setup-pick-category = Catégorie de demandes
setup-pick-overflow = Catégories de débordement (aucune pour vider)
setup-pick-panel = Salon du panneau (aucun pour vider)
setup-pick-board = Salon du tableau (aucun pour vider)
setup-pick-log = Salon de journal (aucun pour vider)
setup-pick-officers = Rôles d'officier (aucun pour vider)
setup-pick-core = Rôles principaux (aucun pour vider)
setup-pick-register = Rôle d'inscription (aucun : tout le monde)
setup-pick-profession = Choisis un métier
setup-profession = Métier : { $profession }
setup-pick-crafter = Rôle d'artisan pour { $profession } (aucun pour vider)
setup-pick-language = Langue des messages partagés
setup-switch-to-dm = Passer en mode MP
setup-switch-to-channel = Passer en mode salon
setup-create = Crée-les pour moi
setup-back = ◀ Retour
setup-next = Suivant ▶
setup-done = Terminé
setup-notify-button = { $name } : { $state }
setup-limits-button = Limites…

## The limits form (title and labels at most 45 characters)

setup-limits-title = Limites
setup-limit-label = { $limit ->
    [max-open] Demandes ouvertes par membre
    [burst] Envois d'un coup
   *[per-minute] Envois par minute
}

## What changed (the admin's notice, the log channel's post, the audit)

setup-setting-mode = Mode
setup-setting-request-category = Catégorie de demandes
setup-setting-overflow = Catégories de débordement
setup-setting-panel = Salon du panneau
setup-setting-board = Salon du tableau
setup-setting-log = Salon de journal
setup-setting-officers = Rôles d'officier
setup-setting-core = Rôles principaux
setup-setting-register = Rôle d'inscription
setup-setting-crafter = Rôle d'artisan pour { $profession }
setup-setting-notify = Notification de { $name }
setup-setting-limits = Limites
setup-setting-language = Langue des messages partagés
setup-unchanged = Rien n'a changé : c'est déjà le réglage.
setup-saved = ✅ Enregistré. Dès le prochain clic :
setup-saved-line = • **{ $setting }** : { $before } → { $after }
setup-log-changed = ⚙️ <@{ $user }> a modifié les paramètres :
setup-log-line = • { $setting } : { $before } → { $after }
setup-closed = Configuration fermée. Lance `/{ commands-setup-name }` à tout moment pour voir ou modifier les paramètres.

## Refusals

setup-needs-manage-server = Seuls les membres avec la permission **Gérer le serveur** peuvent modifier les paramètres de craftdesk, donc rien n'a changé. Demande à un admin du serveur de lancer `/{ commands-setup-name }`, ou de te donner cette permission.
setup-conflict = Un autre admin a modifié les paramètres pendant que tu regardais, donc rien de tes changements n'a été enregistré. La configuration montre maintenant ses paramètres : refais ton changement si tu le veux toujours.
setup-refusal-unchanged = { $reason } Rien n'a changé.
setup-refusal-mode-needs-category = Le mode salon crée le salon privé de chaque membre dans la catégorie de demandes : choisis d'abord une catégorie de demandes (ou appuie sur **Crée-les pour moi**).
setup-refusal-category-is-overflow = Cette catégorie est déjà une catégorie de débordement : choisis-en une autre, ou retire-la d'abord de la liste de débordement.
setup-refusal-overflow-is-category = La catégorie de demandes elle-même ne peut pas être une catégorie de débordement : choisis d'autres catégories.
setup-refusal-limit-zero = Chaque limite doit être d'au moins 1.
setup-refusal-limit-not-number = { $limit ->
    [max-open] Demandes ouvertes par membre
    [burst] Envois d'un coup
   *[per-minute] Envois par minute
} doit être un nombre entier, reçu { $value }.
setup-refusal-limit-range = { $limit ->
    [max-open] Demandes ouvertes par membre
    [burst] Envois d'un coup
   *[per-minute] Envois par minute
} doit être entre { $min } et { $max }, reçu { $value }.
setup-refusal-unknown-profession = Ce métier n'est pas dans le catalogue, donc rien n'a changé. Choisis-en un dans le menu.
setup-refusal-unknown-language = craftdesk ne propose pas cette langue, donc rien n'a changé. Choisis-en une dans le menu.
setup-refusal-not-a-category = Ce n'est pas une catégorie, donc rien n'a changé. Choisis une catégorie (un groupe de salons) : les salons de demande y sont créés.
setup-refusal-not-text = Ce n'est pas un salon textuel, donc rien n'a changé. Choisis un salon textuel.
setup-refusal-channel-gone = Ce salon n'existe plus (supprimé depuis l'affichage du menu), donc rien n'a changé. Choisis-en un autre.
setup-refusal-role-gone = Ce rôle n'existe plus (supprimé depuis l'affichage du menu), donc rien n'a changé. Choisis-en un autre.
setup-refusal-everyone = @everyone ne peut pas être choisi ici, donc rien n'a changé : choisis un rôle attribué aux membres.
setup-refusal-profession-first = Choisis d'abord un métier ; rien n'a changé.
setup-refusal-grant = Je ne peux pas encore utiliser <#{ $channel }>, donc rien n'a changé : donne à craftdesk **{ $permissions }** dans ce salon (Modifier le salon → Permissions → ajoute le rôle de craftdesk), puis choisis-le de nouveau.
setup-permission = { $permission ->
    [view-channel] Voir le salon
    [send-messages] Envoyer des messages
    [embed-links] Intégrer des liens
    [read-message-history] Voir les anciens messages
    [manage-channels] Gérer les salons
   *[manage-permissions] Gérer les permissions
}
setup-refusal-grant-channels = Je n'ai pas pu créer les salons car il me manque des permissions, donc rien n'a changé. Donne au rôle de craftdesk **Gérer les salons** et **Gérer les rôles** (Paramètres du serveur → Rôles → craftdesk), puis appuie de nouveau sur **Crée-les pour moi**.
setup-refusal-create-failed = Discord ne m'a pas laissé créer les salons, donc rien n'a changé. Réessaie dans un instant. { $error }

## The channels "Create them for me" makes (Discord channel names: lowercase, no spaces)

setup-channel-category = Demandes
setup-channel-panel = demandes
setup-channel-board = tableau-des-demandes
setup-channel-log = journal-des-demandes
