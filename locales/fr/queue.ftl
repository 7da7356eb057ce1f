# `/requests` (Manage requests): the crafters' and officers' queue, in the viewer's
# language.

## Tabs and paging (buttons: at most 80 characters)
queue-tab-open = Ouvertes
queue-tab-mine = Prises par moi
queue-tab-all = Toutes en attente
queue-tab-work = Mon travail
queue-tab-overview = Vue d'ensemble
queue-tab-audit = Journal
queue-previous = ◀ Précédent
queue-next = Suivant ▶

## The lists
queue-age-minutes = { $n } min
queue-age-hours = { $n } h
queue-age-days = { $n } j
queue-list-line = { $icon } **#{ $number }** { $item } ×{ $quantity } { $materials } · { $character } · il y a { $age }{ $crafter }
queue-list-empty = Rien ici pour l'instant.
queue-list-title = Demandes
queue-list-heading = **Demandes** · { $count } pour { $scope } · page { $page } sur { $pages }
queue-scope-all = tous tes métiers
queue-all-my-professions = Tous mes métiers
queue-unassigned = { $count ->
    [one] { $count } non attribuée
   *[other] { $count } non attribuées
}
queue-profession-placeholder = Métier…
queue-claim-placeholder = Prendre des demandes en charge…
queue-find-button = Trouver la demande #…

## My work
queue-work-heading = **Mon travail** · { $count ->
    [one] { $count } prise en charge
   *[other] { $count } prises en charge
}
queue-work-title = Mes demandes prises en charge
queue-work-line = { $icon } **#{ $number }** { $item } ×{ $quantity } ({ $done } faits) { $materials } · { $character }
queue-work-empty = Tu n'as aucune demande prise en charge. Prends-en dans l'onglet Ouvertes.
queue-work-shopping-list = Liste de courses (tout mon travail)
queue-work-nothing-to-gather = Rien à rassembler.
queue-work-to-collect = 📥 Encore à récupérer auprès des demandeurs
queue-work-for = Pour { $character }
queue-work-recently-cancelled = Annulées récemment
queue-release-placeholder = Libérer des demandes…
queue-finish-placeholder = Tout terminer pour un personnage…
queue-finish-option = termine { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
} en entier
queue-finish-none-left = Tu n'as plus de demande prise en charge pour { $character }.

## Overview (officers)
queue-overview-heading = **Vue d'ensemble** · demandes en attente
queue-overview-title = Vue d'ensemble
queue-overview-by-profession = Par métier
queue-overview-by-crafter = Par artisan
queue-overview-profession = **{ $profession }** : 🟡 { $open } ouvertes · 🔵 { $claimed } prises en charge · 🛠️ { $progress } en cours
queue-overview-nothing-pending = Rien en attente.
queue-overview-nobody = Personne n'a rien pris en charge.

## Audit log (officers)
queue-audit-heading = **Journal** · { $count ->
    [one] { $count } événement
   *[other] { $count } événements
} · page { $page } sur { $pages }
queue-audit-heading-search = **Journal** · personnages contenant « { $search } » · { $count ->
    [one] { $count } événement
   *[other] { $count } événements
} · page { $page } sur { $pages }
queue-audit-title = Journal (plus récent d'abord)
queue-audit-line = { $at } **#{ $number }** { $item } ({ $character }) — { $event } par <@{ $actor }>{ $note }
queue-audit-empty = Rien ne s'est encore passé.
queue-audit-no-match = Aucun événement pour ce nom de personnage.
queue-audit-search = Chercher un personnage…
queue-audit-change-search = Modifier la recherche…
queue-event = { $event ->
    [created] créée
    [claimed] prise en charge
    [started] commencée
    [released] libérée
    [completed] terminée
    [partially_completed] terminée en partie
    [denied] refusée
    [cancelled] annulée
    [reopened] rouverte
    [reassigned] réattribuée
    [materials_received] matériaux reçus
   *[other] { $other }
}

## Forms (titles and labels at most 45 characters)
queue-search-title = Chercher dans le journal
queue-search-label = Nom du personnage (ou une partie)
queue-search-placeholder = Le nom d'un personnage, ou vide pour tout le monde
queue-find-title = Trouver une demande
queue-find-label = Numéro de la demande
queue-find-placeholder = ex. 42

## A request looked up
queue-lookup-heading = **Demande #{ $number }** · consultée
queue-history-title = Historique (plus récent d'abord)
queue-history-line = • { $event } par <@{ $actor }>, il y a { $minutes } min{ $note }
queue-history-empty = Aucun événement.
queue-back-to-list = Retour à la liste

## What happened to each request picked in a menu
queue-outcome-done = #{ $number } : { $event } ✅
queue-outcome-missing = #{ $number } : cette demande n'existe pas
queue-outcome-refused = #{ $number } : { $reason }
queue-outcome-conflict = #{ $number } : elle a changé entre-temps ; regarde de nouveau
queue-outcome-failed = #{ $number } : échec, réessaie

## Refusals
queue-refusal-not-a-crafter = Seuls les artisans et les officiers gèrent les demandes. Utilise `/{ commands-status-name }` pour suivre les tiennes.
queue-refusal-no-longer-crafter = Tu n'es plus artisan ni officier ici.
queue-refusal-only-officers-overview = Seuls les officiers voient la vue d'ensemble.
queue-refusal-only-officers-audit = Seuls les officiers voient le journal.
queue-refusal-pick-requests = Choisis de 1 à 25 demandes.
queue-refusal-pick-one-profession = Choisis un seul métier.
queue-refusal-pick-one-character = Choisis un seul personnage.
queue-refusal-not-your-profession = Tu n'exerces pas ce métier.
queue-refusal-search-too-long = Cherche au plus { $max } caractères d'un nom.
queue-refusal-request-number = Saisis un numéro de demande, par ex. 42.
