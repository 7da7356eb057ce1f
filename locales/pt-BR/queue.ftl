# `/requests` (Manage requests): the crafters' and officers' queue, in the viewer's
# language.

## Tabs and paging (buttons: at most 80 characters)
queue-tab-open = Abertos
queue-tab-mine = Assumidos por mim
queue-tab-all = Todos pendentes
queue-tab-work = Meu trabalho
queue-tab-overview = Visão geral
queue-tab-audit = Registro
queue-previous = ◀ Anterior
queue-next = Próxima ▶

## The lists
queue-age-minutes = { $n } min
queue-age-hours = { $n } h
queue-age-days = { $n } d
queue-list-line = { $icon } **#{ $number }** { $item } ×{ $quantity } { $materials } · { $character } · há { $age }{ $crafter }
queue-list-empty = Nada aqui no momento.
queue-list-title = Pedidos
queue-list-heading = **Pedidos** · { $count } para { $scope } · página { $page } de { $pages }
queue-scope-all = todas as suas profissões
queue-all-my-professions = Todas as minhas profissões
queue-unassigned = { $count ->
    [one] { $count } sem artesão
   *[other] { $count } sem artesão
}
queue-profession-placeholder = Profissão…
queue-claim-placeholder = Assumir pedidos…
queue-find-button = Encontrar pedido #…

## My work
queue-work-heading = **Meu trabalho** · { $count ->
    [one] { $count } assumido
   *[other] { $count } assumidos
}
queue-work-title = Meus pedidos assumidos
queue-work-line = { $icon } **#{ $number }** { $item } ×{ $quantity } ({ $done } feitos) { $materials } · { $character }
queue-work-empty = Você não tem pedidos assumidos. Assuma alguns na aba Abertos.
queue-work-shopping-list = Lista de compras (todo o meu trabalho)
queue-work-nothing-to-gather = Nada a juntar.
queue-work-to-collect = 📥 Ainda a receber dos solicitantes
queue-work-for = Para { $character }
queue-work-recently-cancelled = Cancelados recentemente
queue-release-placeholder = Liberar pedidos…
queue-finish-placeholder = Concluir tudo de um personagem…
queue-finish-option = conclui { $count ->
    [one] { $count } pedido
   *[other] { $count } pedidos
} por completo
queue-finish-none-left = Você não tem mais pedidos assumidos para { $character }.

## Overview (officers)
queue-overview-heading = **Visão geral** · pedidos pendentes
queue-overview-title = Visão geral
queue-overview-by-profession = Por profissão
queue-overview-by-crafter = Por artesão
queue-overview-profession = **{ $profession }**: 🟡 { $open } abertos · 🔵 { $claimed } assumidos · 🛠️ { $progress } em andamento
queue-overview-nothing-pending = Nada pendente.
queue-overview-nobody = Ninguém assumiu nada.

## Audit log (officers)
queue-audit-heading = **Registro** · { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
} · página { $page } de { $pages }
queue-audit-heading-search = **Registro** · personagens com “{ $search }” · { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
} · página { $page } de { $pages }
queue-audit-title = Registro (mais recentes primeiro)
queue-audit-line = { $at } **#{ $number }** { $item } ({ $character }) — { $event } por <@{ $actor }>{ $note }
queue-audit-empty = Nada aconteceu ainda.
queue-audit-no-match = Nenhum evento para esse nome de personagem.
queue-audit-search = Buscar personagem…
queue-audit-change-search = Mudar busca…
queue-event = { $event ->
    [created] criado
    [claimed] assumido
    [started] começado
    [released] liberado
    [completed] concluído
    [partially_completed] concluído em parte
    [denied] recusado
    [cancelled] cancelado
    [reopened] reaberto
    [reassigned] reatribuído
    [materials_received] materiais recebidos
   *[other] { $other }
}

## Forms (titles and labels at most 45 characters)
queue-search-title = Buscar no registro
queue-search-label = Nome do personagem (ou parte dele)
queue-search-placeholder = O nome de um personagem, ou vazio para todos
queue-find-title = Encontrar um pedido
queue-find-label = Número do pedido
queue-find-placeholder = ex.: 42

## A request looked up
queue-lookup-heading = **Pedido #{ $number }** · consultado
queue-history-title = Histórico (mais recentes primeiro)
queue-history-line = • { $event } por <@{ $actor }>, há { $minutes } min{ $note }
queue-history-empty = Nenhum evento.
queue-back-to-list = Voltar à lista

## What happened to each request picked in a menu
queue-outcome-done = #{ $number }: { $event } ✅
queue-outcome-missing = #{ $number }: esse pedido não existe
queue-outcome-refused = #{ $number }: { $reason }
queue-outcome-conflict = #{ $number }: mudou nesse meio-tempo; olhe de novo
queue-outcome-failed = #{ $number }: falhou, tente de novo

## Refusals
queue-refusal-not-a-crafter = Só artesãos e oficiais gerenciam pedidos. Use `/{ commands-status-name }` para acompanhar os seus.
queue-refusal-no-longer-crafter = Você não é mais artesão nem oficial aqui.
queue-refusal-only-officers-overview = Só oficiais veem a visão geral.
queue-refusal-only-officers-audit = Só oficiais veem o registro.
queue-refusal-pick-requests = Escolha de 1 a 25 pedidos.
queue-refusal-pick-one-profession = Escolha uma só profissão.
queue-refusal-pick-one-character = Escolha um só personagem.
queue-refusal-not-your-profession = Você não exerce essa profissão.
queue-refusal-search-too-long = Busque no máximo { $max } caracteres de um nome.
queue-refusal-request-number = Digite um número de pedido, ex.: 42.
