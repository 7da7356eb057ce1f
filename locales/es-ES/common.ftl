i18n-test-requests = { $count ->
    [one] { $count } solicitud
   *[other] { $count } solicitudes
}
i18n-test-channel = <#{ $channel }>

status-label-open = Abierta
status-label-claimed = Asignada
status-label-in-progress = En curso
status-label-completed = Completada
status-label-denied = Rechazada
status-label-cancelled = Cancelada
