# status texts (es-ES): /status (My requests).

status-header-pending = **Mis pedidos** · { $count ->
        [one] { $count } pendiente
       *[other] { $count } pendientes
    }
status-header-none = **Mis pedidos** · No tienes pedidos pendientes. Haz uno con `/{ commands-request-name }`.
status-header-history = **Mis pedidos** · historial, página { $page } de { $pages }
status-card-pending = Pedidos pendientes
status-card-history = Completados y cancelados
status-all-professions = Todas las profesiones
status-line-progress = ({ $done }/{ $quantity } hechos)
status-history-empty = Aún no hay pedidos completados ni cancelados.
status-button-pending = Pedidos pendientes
status-button-history = Historial
status-button-newer = ◀ Más recientes
status-button-older = Más antiguos ▶
status-placeholder-cancel = Cancelar pedidos abiertos…

## Refusals
status-refusal-not-yours = Ese pedido no es tuyo o ya no existe.
status-refusal-not-open = El pedido n.º { $number } ya está { $status ->
        [claimed] reclamado
        [in_progress] en curso
        [completed] completado
        [denied] rechazado
        [cancelled] cancelado
       *[other] { $status }
    }; solo se pueden cancelar pedidos abiertos. Pide a un oficial el resto.
status-refusal-pick-one = Elige al menos un pedido para cancelar.
