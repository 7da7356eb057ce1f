i18n-test-requests = { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
}
i18n-test-channel = <#{ $channel }>
