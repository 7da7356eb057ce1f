i18n-test-requests = { $count ->
    [one] { $count } заявка
    [few] { $count } заявки
   *[many] { $count } заявок
}
i18n-test-channel = <#{ $channel }>
