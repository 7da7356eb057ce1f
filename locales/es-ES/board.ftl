# The board: a request's post (the guild's language), what crafters and officers are
# answered when they act on it, and its forms (the clicker's language).

## The post
board-title = Solicitud #{ $number }
board-field-item = Objeto
board-field-for = Para
board-field-profession = Profesión
board-field-status = Estado
board-field-materials = Materiales
board-field-needs = Necesita
board-field-notes = Notas
board-field-crafter = Artesano
board-field-done = Hecho
board-field-reason = Motivo
board-done = { $done } de { $quantity }
board-needs-line = • { $material } ×{ $needed } (el miembro aporta { $brings }, aún faltan { $still })
board-needs-line-handed = • { $material } ×{ $needed } (el miembro aporta { $brings }, entregado { $handed }, aún faltan { $still })
board-plan = { $plan ->
    [member-all] 📦 El miembro aporta todos los materiales
    [member-some] 🔶 El miembro aporta parte de los materiales
    [member-none] ❔ El miembro no aporta materiales
   *[guild-craft] 🛡️ Encargo del gremio: el gremio aporta los materiales
}
board-button-claim = Tomar
board-button-deny = Rechazar
board-button-cancel = Cancelar
board-button-assign = Asignar…
board-button-start = Empezar
board-button-complete = Completar
board-button-release = Liberar
board-button-reassign = Reasignar…
board-button-reopen = Reabrir
board-button-handover = Materiales recibidos…

## Answers to a click
board-answer-done = Hecho.
board-answer-now-with = La solicitud #{ $number } ahora la tiene <@{ $crafter }>.
board-answer-now = La solicitud #{ $number } ahora está { $status ->
    [open] abierta
    [claimed] asignada
    [in_progress] en curso
    [completed] completada
    [denied] rechazada
   *[cancelled] cancelada
}.
board-picker = ¿Quién debe fabricar la solicitud #{ $number } ({ $item } ×{ $quantity })? Elige un artesano de { $profession } o un oficial.
board-picker-placeholder = Elige un artesano…
board-handover-recorded = Registrado para la solicitud #{ $number }: { $summary }.
board-handover-recorded-left = Registrado para la solicitud #{ $number }: { $summary }. Aún por recoger: { $left } en total.

## Forms (titles and labels at most 45 characters)
board-form-complete-title = Completar la solicitud #{ $number }
board-form-quantity = Cantidad fabricada ahora
board-form-note = Nota para el solicitante (opcional)
board-form-deny-title = Rechazar la solicitud #{ $number }
board-form-cancel-title = Cancelar la solicitud #{ $number }
board-form-reason = Motivo (lo ve el solicitante)
board-handover-form-title = Materiales de la solicitud #{ $number }
board-handover-form-line = { $material } (de { $brings })

## History notes (stored in English; shown in the log channel's language)
board-note-reopened = hay que fabricar de nuevo las { $quantity } (se habían hecho { $done })
board-note-reassigned-from = de <@{ $from }> a <@{ $to }>
board-note-reassigned = a <@{ $to }>

## Refusals
board-refusal-only-crafters = Solo los artesanos de esta profesión y los oficiales pueden hacer eso.
board-refusal-only-officers = Solo los oficiales pueden hacer eso.
board-refusal-already-claimed = Ya la tomó <@{ $crafter }>.
board-refusal-already-claimed-someone = Ya la tomó alguien.
board-refusal-complete-quantity = Escribe una cantidad de 1 a { $remaining } (lo que queda por fabricar).
board-refusal-reassign-same = <@{ $crafter }> ya tiene esta solicitud.
board-refusal-reassign-not-crafter = <@{ $crafter }> no es artesano de esta profesión (ni oficial); elige a alguien que lo sea.
board-refusal-claimed-by-other = Esta solicitud la tiene <@{ $crafter }>; solo esa persona o un oficial puede hacer eso.
board-refusal-claimed-by-someone = Esta solicitud la tiene alguien; solo esa persona o un oficial puede hacer eso.
board-refusal-status-now = Esta solicitud ahora está { $status ->
    [open] abierta
    [claimed] asignada
    [in_progress] en curso
    [completed] completada
    [denied] rechazada
   *[cancelled] cancelada
}; eso no se puede hacer. El tablón muestra lo que se puede.
board-refusal-reassign-closed = Esta solicitud ahora está { $status ->
    [open] abierta
    [claimed] asignada
    [in_progress] en curso
    [completed] completada
    [denied] rechazada
   *[cancelled] cancelada
}; reábrela primero para dársela a alguien.
board-refusal-handover-amount = { $material }: escribe un número de 0 a { $max } (lo que aporta el solicitante).
board-refusal-handover-closed = Esta solicitud ahora está { $status ->
    [open] abierta
    [claimed] asignada
    [in_progress] en curso
    [completed] completada
    [denied] rechazada
   *[cancelled] cancelada
}; no hay nada que entregar.
board-refusal-handover-claimed-by-other = Esta solicitud la tiene <@{ $crafter }>; solo esa persona o un oficial registra materiales.
board-refusal-handover-claim-first = Primero toma la solicitud y luego registra lo que entregó el solicitante.
board-refusal-handover-nothing = El solicitante no aporta materiales para esta solicitud.
board-refusal-handover-changed = La solicitud #{ $number } cambió mientras tanto (otra persona registró materiales, o se cerró). Pulsa el botón otra vez.
board-refusal-note-too-long = Una nota puede tener como máximo { $max } caracteres.
board-refusal-reason-required = Indica un motivo, por favor.
board-refusal-too-late = Demasiado tarde: <@{ $crafter }> acaba de tomar la solicitud #{ $number }.
board-refusal-changed-meanwhile = La solicitud #{ $number } cambió mientras tanto. Mira el tablón otra vez.
board-refusal-pick-one-member = Elige un solo miembro.
board-refusal-picked-a-bot = Los bots no fabrican. Elige a un miembro.
board-refusal-picked-left = <@{ $member }> ya no está en este servidor.
