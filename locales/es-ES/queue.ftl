# `/requests` (Manage requests): the crafters' and officers' queue, in the viewer's
# language.

## Tabs and paging (buttons: at most 80 characters)
queue-tab-open = Abiertas
queue-tab-mine = Tomadas por mí
queue-tab-all = Todas pendientes
queue-tab-work = Mi trabajo
queue-tab-overview = Resumen
queue-tab-audit = Registro
queue-previous = ◀ Anterior
queue-next = Siguiente ▶

## The lists
queue-age-minutes = { $n } min
queue-age-hours = { $n } h
queue-age-days = { $n } d
queue-list-line = { $icon } **#{ $number }** { $item } ×{ $quantity } { $materials } · { $character } · hace { $age }{ $crafter }
queue-list-empty = No hay nada aquí ahora mismo.
queue-list-title = Solicitudes
queue-list-heading = **Solicitudes** · { $count } para { $scope } · página { $page } de { $pages }
queue-scope-all = todas tus profesiones
queue-all-my-professions = Todas mis profesiones
queue-unassigned = { $count ->
    [one] { $count } sin asignar
   *[other] { $count } sin asignar
}
queue-profession-placeholder = Profesión…
queue-claim-placeholder = Tomar solicitudes…
queue-find-button = Buscar solicitud #…

## My work
queue-work-heading = **Mi trabajo** · { $count ->
    [one] { $count } tomada
   *[other] { $count } tomadas
}
queue-work-title = Mis solicitudes tomadas
queue-work-line = { $icon } **#{ $number }** { $item } ×{ $quantity } ({ $done } hechas) { $materials } · { $character }
queue-work-empty = No tienes solicitudes tomadas. Toma alguna en la pestaña Abiertas.
queue-work-shopping-list = Lista de la compra (todo mi trabajo)
queue-work-nothing-to-gather = Nada que reunir.
queue-work-to-collect = 📥 Aún por recoger de los solicitantes
queue-work-for = Para { $character }
queue-work-recently-cancelled = Canceladas recientemente
queue-release-placeholder = Liberar solicitudes…
queue-finish-placeholder = Completar todo para un personaje…
queue-finish-option = completa { $count ->
    [one] { $count } solicitud
   *[other] { $count } solicitudes
} del todo
queue-finish-none-left = Ya no tienes solicitudes tomadas para { $character }.

## Overview (officers)
queue-overview-heading = **Resumen** · solicitudes pendientes
queue-overview-title = Resumen
queue-overview-by-profession = Por profesión
queue-overview-by-crafter = Por artesano
queue-overview-profession = **{ $profession }**: 🟡 { $open } abiertas · 🔵 { $claimed } tomadas · 🛠️ { $progress } en curso
queue-overview-nothing-pending = Nada pendiente.
queue-overview-nobody = Nadie ha tomado nada.

## Audit log (officers)
queue-audit-heading = **Registro** · { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
} · página { $page } de { $pages }
queue-audit-heading-search = **Registro** · personajes que contienen «{ $search }» · { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
} · página { $page } de { $pages }
queue-audit-title = Registro (lo más reciente primero)
queue-audit-line = { $at } **#{ $number }** { $item } ({ $character }) — { $event } por <@{ $actor }>{ $note }
queue-audit-empty = Todavía no ha pasado nada.
queue-audit-no-match = No hay eventos para ese nombre de personaje.
queue-audit-search = Buscar personaje…
queue-audit-change-search = Cambiar búsqueda…
queue-event = { $event ->
    [created] creada
    [claimed] tomada
    [started] empezada
    [released] liberada
    [completed] completada
    [partially_completed] completada en parte
    [denied] rechazada
    [cancelled] cancelada
    [reopened] reabierta
    [reassigned] reasignada
    [materials_received] materiales recibidos
   *[other] { $other }
}

## Forms (titles and labels at most 45 characters)
queue-search-title = Buscar en el registro
queue-search-label = Nombre del personaje (o parte)
queue-search-placeholder = El nombre de un personaje, o vacío para todos
queue-find-title = Buscar una solicitud
queue-find-label = Número de solicitud
queue-find-placeholder = p. ej. 42

## A request looked up
queue-lookup-heading = **Solicitud #{ $number }** · consultada
queue-history-title = Historial (lo más reciente primero)
queue-history-line = • { $event } por <@{ $actor }>, hace { $minutes } min{ $note }
queue-history-empty = Sin eventos.
queue-back-to-list = Volver a la lista

## What happened to each request picked in a menu
queue-outcome-done = #{ $number }: { $event } ✅
queue-outcome-missing = #{ $number }: no existe esa solicitud
queue-outcome-refused = #{ $number }: { $reason }
queue-outcome-conflict = #{ $number }: cambió mientras tanto; vuelve a mirar
queue-outcome-failed = #{ $number }: falló, inténtalo de nuevo

## Refusals
queue-refusal-not-a-crafter = Solo los artesanos y los oficiales gestionan solicitudes. Usa `/{ commands-status-name }` para seguir las tuyas.
queue-refusal-no-longer-crafter = Ya no eres artesano ni oficial aquí.
queue-refusal-only-officers-overview = Solo los oficiales ven el resumen.
queue-refusal-only-officers-audit = Solo los oficiales ven el registro.
queue-refusal-pick-requests = Elige de 1 a 25 solicitudes.
queue-refusal-pick-one-profession = Elige una sola profesión.
queue-refusal-pick-one-character = Elige un solo personaje.
queue-refusal-not-your-profession = No ejerces esa profesión.
queue-refusal-search-too-long = Busca como máximo { $max } caracteres de un nombre.
queue-refusal-request-number = Escribe un número de solicitud, p. ej. 42.
