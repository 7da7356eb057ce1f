# The log channel's lines (the guild's language). $item and $character are the guild's
# names, as they are.

# A crafter's or officer's change. $progress is log-progress or empty, $note is
# log-note or empty.
log-request-changed = O pedido #{ $number } ({ $item } ×{ $quantity }) foi { $action ->
    [claimed] assumido
    [started] começado
    [completed] concluído
    [partly-completed] concluído em parte
    [released] liberado
    [denied] recusado
    [cancelled] cancelado
    [reopened] reaberto
   *[reassigned] reatribuído
} por <@{ $actor }>{ $progress }{ $note }.
log-progress = {" "}({ $done } de { $quantity } feitos)
log-note = : { $note }
log-submitted = O pedido #{ $number } ({ $item } ×{ $quantity }) foi enviado por <@{ $member }> para { $character }.
log-cancelled-by-member = O pedido #{ $number } ({ $item } ×{ $quantity }) foi cancelado por <@{ $member }>{ $note }.
log-handover = Pedido #{ $number } ({ $item } ×{ $quantity }): <@{ $crafter }> registrou os materiais entregues: { $summary }.
