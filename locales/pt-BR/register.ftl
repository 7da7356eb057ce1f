# register texts (pt-BR): /register (My characters).

register-header-count = **Meus personagens** · { $count ->
        [one] { $count } registrado
       *[other] { $count } registrados
    }
register-header-selected = **Meus personagens** · { $name } selecionado
register-header-remove = **Meus personagens** · Remover **{ $name }**? { $open ->
        [0] Ele não tem pedidos abertos.
        [one] Isso cancela o pedido aberto dele.
       *[other] Isso cancela os { $open } pedidos abertos dele.
    }
register-card-title = Personagens
register-empty = Nenhum personagem ainda. Adicione primeiro o seu principal.
register-placeholder-manage = Editar ou remover um personagem…
register-character-main = Principal
register-character-alt = Alt
register-button-add = Adicionar um personagem
register-button-edit = Editar
register-button-remove = Remover
register-button-keep = Manter
register-button-back = Voltar

## The character form (title and labels at most 45 characters)
register-modal-add = Registrar um personagem
register-modal-edit = Editar personagem
register-input-name = Nome do personagem
register-input-kind = main (principal) ou alt
register-input-professions = Profissões (separadas por vírgula)

## Refusals
register-refusal-gone = Esse personagem não existe mais.
register-refusal-taken = Você já tem um personagem chamado { $name }.
register-refusal-kind = Digite `main` ou `alt`, não { $typed }.
register-refusal-profession = { $typed } não é uma profissão aqui. Conhecidas: { $known }.
