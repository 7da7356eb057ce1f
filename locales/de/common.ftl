i18n-test-requests = { $count ->
    [one] { $count } Anfrage
   *[other] { $count } Anfragen
}
i18n-test-channel = <#{ $channel }>
