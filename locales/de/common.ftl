i18n-test-requests = { $count ->
    [one] { $count } Anfrage
   *[other] { $count } Anfragen
}
i18n-test-channel = <#{ $channel }>

status-label-open = Offen
status-label-claimed = Beansprucht
status-label-in-progress = In Arbeit
status-label-completed = Erledigt
status-label-denied = Abgelehnt
status-label-cancelled = Storniert
