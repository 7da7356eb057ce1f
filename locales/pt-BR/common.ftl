i18n-test-requests = { $count ->
    [one] { $count } pedido
   *[other] { $count } pedidos
}
i18n-test-channel = <#{ $channel }>
