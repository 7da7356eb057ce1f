i18n-test-requests = { $count ->
    [one] { $count } solicitud
   *[other] { $count } solicitudes
}
i18n-test-channel = <#{ $channel }>
