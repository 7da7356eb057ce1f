i18n-test-requests = { $count ->
    [one] { $count } pedido
   *[other] { $count } pedidos
}
i18n-test-channel = <#{ $channel }>

status-label-open = Aberto
status-label-claimed = Assumido
status-label-in-progress = Em andamento
status-label-completed = Concluído
status-label-denied = Recusado
status-label-cancelled = Cancelado
