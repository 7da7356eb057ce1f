i18n-test-requests = { $count ->
    [one] { $count } заявка
    [few] { $count } заявки
   *[many] { $count } заявок
}
i18n-test-channel = <#{ $channel }>

status-label-open = Открыта
status-label-claimed = Взята
status-label-in-progress = В работе
status-label-completed = Выполнена
status-label-denied = Отклонена
status-label-cancelled = Отменена
