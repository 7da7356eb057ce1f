# status texts (pt-BR): /status (My requests).

status-header-pending = **Meus pedidos** · { $count ->
        [one] { $count } pendente
       *[other] { $count } pendentes
    }
status-header-none = **Meus pedidos** · Você não tem pedidos pendentes. Faça um com `/{ commands-request-name }`.
status-header-history = **Meus pedidos** · histórico, página { $page } de { $pages }
status-card-pending = Pedidos pendentes
status-card-history = Concluídos e cancelados
status-all-professions = Todas as profissões
status-line-progress = ({ $done }/{ $quantity } prontos)
status-history-empty = Nenhum pedido concluído ou cancelado ainda.
status-button-pending = Pedidos pendentes
status-button-history = Histórico
status-button-newer = ◀ Mais recentes
status-button-older = Mais antigos ▶
status-placeholder-cancel = Cancelar pedidos abertos…

## Refusals
status-refusal-not-yours = Esse pedido não é seu ou não existe mais.
status-refusal-not-open = O pedido nº { $number } já está { $status ->
        [claimed] assumido
        [in_progress] em andamento
        [completed] concluído
        [denied] recusado
        [cancelled] cancelado
       *[other] { $status }
    }; só pedidos abertos podem ser cancelados. Peça a um oficial o resto.
status-refusal-pick-one = Escolha pelo menos um pedido para cancelar.
