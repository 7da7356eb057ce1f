i18n-test-requests = { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
}
i18n-test-channel = <#{ $channel }>

status-label-open = Ouverte
status-label-claimed = Prise en charge
status-label-in-progress = En cours
status-label-completed = Terminée
status-label-denied = Refusée
status-label-cancelled = Annulée
