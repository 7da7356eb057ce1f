# The board: a request's post (the guild's language), what crafters and officers are
# answered when they act on it, and its forms (the clicker's language).

## The post
board-title = Demande #{ $number }
board-field-item = Objet
board-field-for = Pour
board-field-profession = Métier
board-field-status = Statut
board-field-materials = Matériaux
board-field-needs = Besoins
board-field-notes = Notes
board-field-crafter = Artisan
board-field-done = Fait
board-field-reason = Motif
board-done = { $done } sur { $quantity }
board-needs-line = • { $material } ×{ $needed } (le membre apporte { $brings }, encore nécessaire { $still })
board-needs-line-handed = • { $material } ×{ $needed } (le membre apporte { $brings }, remis { $handed }, encore nécessaire { $still })
board-plan = { $plan ->
    [member-all] 📦 Le membre fournit tous les matériaux
    [member-some] 🔶 Le membre fournit une partie des matériaux
    [member-none] ❔ Le membre ne fournit aucun matériau
   *[guild-craft] 🛡️ Commande de guilde : la guilde fournit les matériaux
}
board-button-claim = Prendre en charge
board-button-deny = Refuser
board-button-cancel = Annuler
board-button-assign = Attribuer…
board-button-start = Commencer
board-button-complete = Terminer
board-button-release = Libérer
board-button-reassign = Réattribuer…
board-button-reopen = Rouvrir
board-button-handover = Matériaux reçus…

## Answers to a click
board-answer-done = C'est fait.
board-answer-now-with = La demande #{ $number } est maintenant chez <@{ $crafter }>.
board-answer-now = La demande #{ $number } est maintenant { $status ->
    [open] ouverte
    [claimed] prise en charge
    [in_progress] en cours
    [completed] terminée
    [denied] refusée
   *[cancelled] annulée
}.
board-picker = Qui doit fabriquer la demande #{ $number } ({ $item } ×{ $quantity }) ? Choisis un artisan de { $profession } ou un officier.
board-picker-placeholder = Choisis un artisan…
board-handover-recorded = Enregistré pour la demande #{ $number } : { $summary }.
board-handover-recorded-left = Enregistré pour la demande #{ $number } : { $summary }. Encore à récupérer : { $left } au total.

## Forms (titles and labels at most 45 characters)
board-form-complete-title = Terminer la demande #{ $number }
board-form-quantity = Quantité fabriquée maintenant
board-form-note = Note pour le demandeur (facultatif)
board-form-deny-title = Refuser la demande #{ $number }
board-form-cancel-title = Annuler la demande #{ $number }
board-form-reason = Motif (visible par le demandeur)
board-handover-form-title = Matériaux de la demande #{ $number }
board-handover-form-line = { $material } (sur { $brings })

## History notes (stored in English; shown in the log channel's language)
board-note-reopened = les { $quantity } à refabriquer ({ $done } étaient déjà faits)
board-note-reassigned-from = de <@{ $from }> à <@{ $to }>
board-note-reassigned = à <@{ $to }>

## Refusals
board-refusal-only-crafters = Seuls les artisans de ce métier et les officiers peuvent faire ça.
board-refusal-only-officers = Seuls les officiers peuvent faire ça.
board-refusal-already-claimed = Déjà prise en charge par <@{ $crafter }>.
board-refusal-already-claimed-someone = Déjà prise en charge par quelqu'un.
board-refusal-complete-quantity = Saisis une quantité de 1 à { $remaining } (ce qui reste à fabriquer).
board-refusal-reassign-same = <@{ $crafter }> a déjà cette demande.
board-refusal-reassign-not-crafter = <@{ $crafter }> n'est pas artisan de ce métier (ni officier) ; choisis quelqu'un qui l'est.
board-refusal-claimed-by-other = Cette demande est prise en charge par <@{ $crafter }> ; seule cette personne ou un officier peut faire ça.
board-refusal-claimed-by-someone = Cette demande est prise en charge par quelqu'un ; seule cette personne ou un officier peut faire ça.
board-refusal-status-now = Cette demande est maintenant { $status ->
    [open] ouverte
    [claimed] prise en charge
    [in_progress] en cours
    [completed] terminée
    [denied] refusée
   *[cancelled] annulée
} ; ce n'est pas possible. Le tableau montre ce qui l'est.
board-refusal-reassign-closed = Cette demande est maintenant { $status ->
    [open] ouverte
    [claimed] prise en charge
    [in_progress] en cours
    [completed] terminée
    [denied] refusée
   *[cancelled] annulée
} ; rouvre-la d'abord pour la confier à quelqu'un.
board-refusal-handover-amount = { $material } : saisis un nombre de 0 à { $max } (ce que le demandeur apporte).
board-refusal-handover-closed = Cette demande est maintenant { $status ->
    [open] ouverte
    [claimed] prise en charge
    [in_progress] en cours
    [completed] terminée
    [denied] refusée
   *[cancelled] annulée
} ; il n'y a rien à remettre.
board-refusal-handover-claimed-by-other = Cette demande est prise en charge par <@{ $crafter }> ; seule cette personne ou un officier enregistre les matériaux.
board-refusal-handover-claim-first = Prends d'abord la demande en charge, puis enregistre ce que le demandeur a remis.
board-refusal-handover-nothing = Le demandeur ne fournit aucun matériau pour cette demande.
board-refusal-handover-changed = La demande #{ $number } a changé entre-temps (quelqu'un d'autre a enregistré des matériaux, ou elle a été fermée). Appuie de nouveau sur le bouton.
board-refusal-note-too-long = Une note peut faire au plus { $max } caractères.
board-refusal-reason-required = Indique un motif, s'il te plaît.
board-refusal-too-late = Trop tard : la demande #{ $number } vient d'être prise en charge par <@{ $crafter }>.
board-refusal-changed-meanwhile = La demande #{ $number } a changé entre-temps. Regarde de nouveau le tableau.
board-refusal-pick-one-member = Choisis un seul membre.
board-refusal-picked-a-bot = Les bots ne fabriquent rien. Choisis un membre.
board-refusal-picked-left = <@{ $member }> n'est plus sur ce serveur.
