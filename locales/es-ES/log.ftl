# The log channel's lines (the guild's language). $item and $character are the guild's
# names, as they are.

# A crafter's or officer's change. $progress is log-progress or empty, $note is
# log-note or empty.
log-request-changed = La solicitud #{ $number } ({ $item } ×{ $quantity }) fue { $action ->
    [claimed] tomada
    [started] empezada
    [completed] completada
    [partly-completed] completada en parte
    [released] liberada
    [denied] rechazada
    [cancelled] cancelada
    [reopened] reabierta
   *[reassigned] reasignada
} por <@{ $actor }>{ $progress }{ $note }.
log-progress = {" "}({ $done } de { $quantity } hechas)
log-note = : { $note }
log-submitted = La solicitud #{ $number } ({ $item } ×{ $quantity }) fue enviada por <@{ $member }> para { $character }.
log-cancelled-by-member = La solicitud #{ $number } ({ $item } ×{ $quantity }) fue cancelada por <@{ $member }>{ $note }.
log-handover = Solicitud #{ $number } ({ $item } ×{ $quantity }): <@{ $crafter }> registró los materiales entregados: { $summary }.
