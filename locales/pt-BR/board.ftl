# The board: a request's post (the guild's language), what crafters and officers are
# answered when they act on it, and its forms (the clicker's language).

## The post
board-title = Pedido #{ $number }
board-field-item = Item
board-field-for = Para
board-field-profession = Profissão
board-field-status = Status
board-field-materials = Materiais
board-field-needs = Precisa de
board-field-notes = Observações
board-field-crafter = Artesão
board-field-done = Feito
board-field-reason = Motivo
board-done = { $done } de { $quantity }
board-needs-line = • { $material } ×{ $needed } (o membro traz { $brings }, ainda faltam { $still })
board-needs-line-handed = • { $material } ×{ $needed } (o membro traz { $brings }, entregue { $handed }, ainda faltam { $still })
board-plan = { $plan ->
    [member-all] 📦 O membro fornece todos os materiais
    [member-some] 🔶 O membro fornece parte dos materiais
    [member-none] ❔ O membro não fornece materiais
   *[guild-craft] 🛡️ Encomenda da guilda: a guilda fornece os materiais
}
board-button-claim = Assumir
board-button-deny = Recusar
board-button-cancel = Cancelar
board-button-assign = Atribuir…
board-button-start = Começar
board-button-complete = Concluir
board-button-release = Liberar
board-button-reassign = Reatribuir…
board-button-reopen = Reabrir
board-button-handover = Materiais recebidos…

## Answers to a click
board-answer-done = Feito.
board-answer-now-with = O pedido #{ $number } agora está com <@{ $crafter }>.
board-answer-now = O pedido #{ $number } agora está { $status ->
    [open] aberto
    [claimed] assumido
    [in_progress] em andamento
    [completed] concluído
    [denied] recusado
   *[cancelled] cancelado
}.
board-picker = Quem deve fabricar o pedido #{ $number } ({ $item } ×{ $quantity })? Escolha um artesão de { $profession } ou um oficial.
board-picker-placeholder = Escolha um artesão…
board-handover-recorded = Registrado para o pedido #{ $number }: { $summary }.
board-handover-recorded-left = Registrado para o pedido #{ $number }: { $summary }. Ainda a receber: { $left } no total.

## Forms (titles and labels at most 45 characters)
board-form-complete-title = Concluir o pedido #{ $number }
board-form-quantity = Quantidade fabricada agora
board-form-note = Observação para o solicitante (opcional)
board-form-deny-title = Recusar o pedido #{ $number }
board-form-cancel-title = Cancelar o pedido #{ $number }
board-form-reason = Motivo (o solicitante vê)
board-handover-form-title = Materiais do pedido #{ $number }
board-handover-form-line = { $material } (de { $brings })

## History notes (stored in English; shown in the log channel's language)
board-note-reopened = todos os { $quantity } a fabricar de novo ({ $done } já estavam feitos)
board-note-reassigned-from = de <@{ $from }> para <@{ $to }>
board-note-reassigned = para <@{ $to }>

## Refusals
board-refusal-only-crafters = Só artesãos desta profissão e oficiais podem fazer isso.
board-refusal-only-officers = Só oficiais podem fazer isso.
board-refusal-already-claimed = Já assumido por <@{ $crafter }>.
board-refusal-already-claimed-someone = Já assumido por alguém.
board-refusal-complete-quantity = Digite uma quantidade de 1 a { $remaining } (o que falta fabricar).
board-refusal-reassign-same = <@{ $crafter }> já tem este pedido.
board-refusal-reassign-not-crafter = <@{ $crafter }> não é artesão desta profissão (nem oficial); escolha alguém que seja.
board-refusal-claimed-by-other = Este pedido foi assumido por <@{ $crafter }>; só essa pessoa ou um oficial pode fazer isso.
board-refusal-claimed-by-someone = Este pedido foi assumido por alguém; só essa pessoa ou um oficial pode fazer isso.
board-refusal-status-now = Este pedido agora está { $status ->
    [open] aberto
    [claimed] assumido
    [in_progress] em andamento
    [completed] concluído
    [denied] recusado
   *[cancelled] cancelado
}; isso não é possível. O quadro mostra o que é.
board-refusal-reassign-closed = Este pedido agora está { $status ->
    [open] aberto
    [claimed] assumido
    [in_progress] em andamento
    [completed] concluído
    [denied] recusado
   *[cancelled] cancelado
}; reabra-o primeiro para entregá-lo a alguém.
board-refusal-handover-amount = { $material }: digite um número de 0 a { $max } (o que o solicitante traz).
board-refusal-handover-closed = Este pedido agora está { $status ->
    [open] aberto
    [claimed] assumido
    [in_progress] em andamento
    [completed] concluído
    [denied] recusado
   *[cancelled] cancelado
}; não há nada a entregar.
board-refusal-handover-claimed-by-other = Este pedido foi assumido por <@{ $crafter }>; só essa pessoa ou um oficial registra materiais.
board-refusal-handover-claim-first = Assuma o pedido primeiro e depois registre o que o solicitante entregou.
board-refusal-handover-nothing = O solicitante não fornece materiais para este pedido.
board-refusal-handover-changed = O pedido #{ $number } mudou nesse meio-tempo (outra pessoa registrou materiais, ou ele foi fechado). Aperte o botão de novo.
board-refusal-note-too-long = Uma observação pode ter no máximo { $max } caracteres.
board-refusal-reason-required = Informe um motivo, por favor.
board-refusal-too-late = Tarde demais: o pedido #{ $number } acabou de ser assumido por <@{ $crafter }>.
board-refusal-changed-meanwhile = O pedido #{ $number } mudou nesse meio-tempo. Olhe o quadro de novo.
board-refusal-pick-one-member = Escolha um só membro.
board-refusal-picked-a-bot = Bots não fabricam. Escolha um membro.
board-refusal-picked-left = <@{ $member }> não está mais neste servidor.
