# status texts (fr): /status (My requests).

status-header-pending = **Mes demandes** · { $count ->
        [one] { $count } en attente
       *[other] { $count } en attente
    }
status-header-none = **Mes demandes** · Tu n'as aucune demande en attente. Lances-en une avec `/{ commands-request-name }`.
status-header-history = **Mes demandes** · historique, page { $page } sur { $pages }
status-card-pending = Demandes en attente
status-card-history = Terminées et annulées
status-all-professions = Tous les métiers
status-line-progress = ({ $done }/{ $quantity } faits)
status-history-empty = Aucune demande terminée ou annulée pour l'instant.
status-button-pending = Demandes en attente
status-button-history = Historique
status-button-newer = ◀ Plus récentes
status-button-older = Plus anciennes ▶
status-placeholder-cancel = Annuler des demandes ouvertes…

## Refusals
status-refusal-not-yours = Cette demande n'est pas à toi ou n'existe plus.
status-refusal-not-open = La demande n° { $number } est déjà { $status ->
        [claimed] prise en charge
        [in_progress] en cours
        [completed] terminée
        [denied] refusée
        [cancelled] annulée
       *[other] { $status }
    } ; seules les demandes ouvertes peuvent être annulées. Demande à un officier pour le reste.
status-refusal-pick-one = Choisis au moins une demande à annuler.
