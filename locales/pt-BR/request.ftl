# request texts (pt-BR): the /request flow, its receipt, and what a member types in it.

## The flow's message
request-header = **Novo pedido** · etapa { $number } de { $steps } · { $question }
request-step-character = Para quem é este pedido?
request-step-profession = Qual profissão?
request-step-slot = Qual espaço de equipamento?
request-step-item = Qual item?
request-step-quantity = Quantos, e alguma observação para o artesão?
request-step-materials = Quem fornece os materiais?
request-step-confirm = Confira seu pedido e confirme.
request-no-characters = Você ainda não tem personagem registrado. Registre um (ele fica salvo para a próxima vez) ou digite um nome só para este pedido.
request-page = Página { $page } de { $pages }: use ◀ ▶ para ver mais.
request-amounts-hint = Diga quanto de cada material você traz (aperte cada botão; deixe 0 para nenhum).

## Buttons and menus (button labels at most 80 characters, placeholders 150)
request-button-quantity = Informar quantidade e observações
request-button-confirm = Confirmar
request-button-edit = Editar
request-button-back = Voltar
request-button-cancel = Cancelar
request-button-register = Registrar um personagem
request-button-type-name = Digitar um nome
request-button-another-name = Outro nome
request-button-previous = ◀ Anterior
request-button-next = Próxima ▶
request-button-provide-all = 📦 Eu forneço tudo
request-button-provide-some = 🔶 Eu forneço uma parte
request-button-provide-none = ❔ Não forneço nada
request-button-guild-craft = 🛡️ Encomenda da guilda
request-button-amounts = Materiais { $from }–{ $to }
request-character-main = Principal
request-character-alt = Alt
request-placeholder-character = Escolha um personagem
request-placeholder-profession = Escolha uma profissão
request-placeholder-slot = Escolha um espaço de equipamento
request-placeholder-item = Escolha um item
request-option-items = { $count ->
    [one] { $count } item
   *[other] { $count } itens
}

## Forms (titles and labels at most 45 characters)
request-modal-character = Personagem para este pedido
request-modal-register = Registrar um personagem
request-modal-quantity = Quantidade e observações
request-modal-amounts = Materiais que você fornece
request-input-name = Nome do personagem
request-input-name-placeholder = ex.: Thrallina
request-input-quantity = Quantidade (1–{ $max })
request-input-quantity-placeholder = 1 a { $max }
request-input-notes = Observações
request-input-notes-placeholder = O que o artesão precisa saber (opcional)
request-input-amount = { $material } (precisa de { $needed })
request-input-amount-placeholder = 0 a { $needed }

## The summary card
request-card-title = Seu pedido
request-field-character = Personagem
request-field-item = Item
request-field-quantity = Quantidade
request-field-notes = Observações
request-field-materials = Materiais
request-field-provided-by = Fornecido por
request-material-line = • { $material } — { $per_unit } × { $quantity } = **{ $needed }**
request-material-shares = (você: { $member }, guilda: { $guild }, ainda falta: { $missing })

## Who provides the materials
request-plan-all = 📦 Você fornece todos os materiais
request-plan-some = 🔶 Você fornece parte dos materiais
request-plan-none = ❔ Você não fornece materiais
request-plan-guild = 🛡️ Encomenda da guilda: a guilda fornece os materiais

## The end of the flow
request-cancelled = Pedido cancelado. Nada foi enviado. Use `/{ commands-request-name }` para começar de novo.
request-submitting = Enviando…
request-receipt = ✅ **Pedido nº { $number } enviado.** Acompanhe com `/{ commands-status-name }`.
request-receipt-on-board =
    ✅ **Pedido nº { $number } enviado.** Ele está no quadro: { $link }
    Acompanhe com `/{ commands-status-name }`.
request-receipt-title = Pedido nº { $number }
request-receipt-guild-provides = A guilda fornece
request-receipt-everything = Tudo o que está listado
request-receipt-providing = Você fornece
request-receipt-still-needed = Ainda falta
request-receipt-nothing = Nada

## Opening the flow (the answer to /request)
request-opening-channel = Abrindo seu canal de pedidos… Já coloco o link aqui.
request-opening-dm = Enviando uma mensagem direta… seu pedido continua lá em instantes.
request-waiting-in = Seu pedido está esperando em <#{ $channel }>.
request-waiting-dm = Enviei uma DM para você: seu pedido continua lá.

## Refusals
request-refusal-unknown-item = Não conheço esse item. Escolha um das sugestões ou deixe `item` vazio para navegar.
request-refusal-character-gone = Esse personagem não está mais registrado. Escolha outro.
request-refusal-profession-gone = Essa profissão não é mais oferecida. Escolha outra.
request-refusal-slot-gone = Esse espaço de equipamento não é mais oferecido. Escolha outro.
request-refusal-item-gone = Esse item não está mais no catálogo. Escolha outro.
request-refusal-character-taken = Você já tem um personagem chamado { $name }. Escolha-o no menu.
request-refusal-guild-craft = Encomendas da guilda são para membros com o cargo principal da guilda.
request-refusal-pick-one = Escolha exatamente uma opção.

## What a member types (flow::input), checked
request-invalid-quantity-number = A quantidade deve ser um número inteiro de 1 a { $max }.
request-invalid-quantity-range = A quantidade deve ser de 1 a { $max }.
request-invalid-name-length = Um nome de personagem deve ter de { $min } a { $max } caracteres.
request-invalid-name-chars = Um nome de personagem não pode conter `:` nem caracteres de controle.
request-invalid-notes-length = As observações podem ter no máximo { $max } caracteres (você escreveu { $count }). Encurte e tente de novo.
request-invalid-amount = Para { $material }, digite um número inteiro de 0 a { $needed }.

## The member's request channel (its topic is in the guild's language)
request-channel-topic = Canal de pedidos privado de <@{ $user }>. Use /{ commands-request-name } para fazer um pedido.
