# register texts (es-ES): /register (My characters).

register-header-count = **Mis personajes** · { $count ->
        [one] { $count } registrado
       *[other] { $count } registrados
    }
register-header-selected = **Mis personajes** · { $name } seleccionado
register-header-remove = **Mis personajes** · ¿Quitar a **{ $name }**? { $open ->
        [0] No tiene pedidos abiertos.
        [one] Esto cancela su pedido abierto.
       *[other] Esto cancela sus { $open } pedidos abiertos.
    }
register-card-title = Personajes
register-empty = Aún no hay personajes. Añade primero tu principal.
register-placeholder-manage = Editar o quitar un personaje…
register-character-main = Principal
register-character-alt = Alter
register-button-add = Añadir un personaje
register-button-edit = Editar
register-button-remove = Quitar
register-button-keep = Conservarlo
register-button-back = Atrás

## The character form (title and labels at most 45 characters)
register-modal-add = Registrar un personaje
register-modal-edit = Editar personaje
register-input-name = Nombre del personaje
register-input-kind = main (principal) o alt (alter)
register-input-professions = Profesiones (separadas por comas)

## Refusals
register-refusal-gone = Ese personaje ya no existe.
register-refusal-taken = Ya tienes un personaje llamado { $name }.
register-refusal-kind = Escribe `main` o `alt`, no { $typed }.
register-refusal-profession = { $typed } no es una profesión aquí. Conocidas: { $known }.
