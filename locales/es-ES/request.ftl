# request texts (es-ES): the /request flow, its receipt, and what a member types in it.

## The flow's message
request-header = **Nuevo pedido** · paso { $number } de { $steps } · { $question }
request-step-character = ¿Para quién es este pedido?
request-step-profession = ¿Qué profesión?
request-step-slot = ¿Qué ranura de equipo?
request-step-item = ¿Qué objeto?
request-step-quantity = ¿Cuántos, y alguna nota para el artesano?
request-step-materials = ¿Quién aporta los materiales?
request-step-confirm = Revisa tu pedido y confírmalo.
request-no-characters = Aún no tienes ningún personaje registrado. Registra uno (se recordará la próxima vez) o escribe un nombre solo para este pedido.
request-page = Página { $page } de { $pages }: usa ◀ ▶ para ver más.
request-amounts-hint = Indica cuánto aportas de cada material (pulsa cada botón; deja 0 si nada).

## Buttons and menus (button labels at most 80 characters, placeholders 150)
request-button-quantity = Indicar cantidad y notas
request-button-confirm = Confirmar
request-button-edit = Editar
request-button-back = Atrás
request-button-cancel = Cancelar
request-button-register = Registrar un personaje
request-button-type-name = Escribir un nombre
request-button-another-name = Otro nombre
request-button-previous = ◀ Anterior
request-button-next = Siguiente ▶
request-button-provide-all = 📦 Aporto todo
request-button-provide-some = 🔶 Aporto una parte
request-button-provide-none = ❔ No aporto nada
request-button-guild-craft = 🛡️ Encargo de la hermandad
request-button-amounts = Materiales { $from }–{ $to }
request-character-main = Principal
request-character-alt = Alter
request-placeholder-character = Elige un personaje
request-placeholder-profession = Elige una profesión
request-placeholder-slot = Elige una ranura de equipo
request-placeholder-item = Elige un objeto
request-option-items = { $count ->
    [one] { $count } objeto
   *[other] { $count } objetos
}

## Forms (titles and labels at most 45 characters)
request-modal-character = Personaje para este pedido
request-modal-register = Registrar un personaje
request-modal-quantity = Cantidad y notas
request-modal-amounts = Materiales que aportas
request-input-name = Nombre del personaje
request-input-name-placeholder = p. ej. Thrallina
request-input-quantity = Cantidad (1–{ $max })
request-input-quantity-placeholder = 1 a { $max }
request-input-notes = Notas
request-input-notes-placeholder = Lo que el artesano debe saber (opcional)
request-input-amount = { $material } (hacen falta { $needed })
request-input-amount-placeholder = 0 a { $needed }

## The summary card
request-card-title = Tu pedido
request-field-character = Personaje
request-field-item = Objeto
request-field-quantity = Cantidad
request-field-notes = Notas
request-field-materials = Materiales
request-field-provided-by = Aportado por
request-material-line = • { $material } — { $per_unit } × { $quantity } = **{ $needed }**
request-material-shares = (tú: { $member }, hermandad: { $guild }, aún falta: { $missing })

## Who provides the materials
request-plan-all = 📦 Aportas todos los materiales
request-plan-some = 🔶 Aportas parte de los materiales
request-plan-none = ❔ No aportas materiales
request-plan-guild = 🛡️ Encargo de la hermandad: la hermandad aporta los materiales

## The end of the flow
request-cancelled = Pedido cancelado. No se ha enviado nada. Usa `/{ commands-request-name }` para empezar de nuevo.
request-submitting = Enviando…
request-receipt = ✅ **Pedido n.º { $number } enviado.** Síguelo con `/{ commands-status-name }`.
request-receipt-on-board =
    ✅ **Pedido n.º { $number } enviado.** Está en el tablón: { $link }
    Síguelo con `/{ commands-status-name }`.
request-receipt-title = Pedido n.º { $number }
request-receipt-guild-provides = La hermandad aporta
request-receipt-everything = Todo lo indicado
request-receipt-providing = Tú aportas
request-receipt-still-needed = Aún falta
request-receipt-nothing = Nada

## Opening the flow (the answer to /request)
request-opening-channel = Abriendo tu canal de pedidos… En un momento pongo aquí el enlace.
request-opening-dm = Te estoy enviando un mensaje directo… tu pedido sigue allí en un momento.
request-waiting-in = Tu pedido te espera en <#{ $channel }>.
request-waiting-dm = Te he enviado un MD: tu pedido sigue allí.

## Refusals
request-refusal-unknown-item = No conozco ese objeto. Elige uno de las sugerencias o deja `item` vacío para explorar.
request-refusal-character-gone = Ese personaje ya no está registrado. Elige otro.
request-refusal-profession-gone = Esa profesión ya no se ofrece. Elige otra.
request-refusal-slot-gone = Esa ranura de equipo ya no se ofrece. Elige otra.
request-refusal-item-gone = Ese objeto ya no está en el catálogo. Elige otro.
request-refusal-character-taken = Ya tienes un personaje llamado { $name }. Elígelo en el menú.
request-refusal-guild-craft = Los encargos de la hermandad son para miembros con el rol principal de la hermandad.
request-refusal-pick-one = Elige exactamente una opción.

## What a member types (flow::input), checked
request-invalid-quantity-number = La cantidad debe ser un número entero de 1 a { $max }.
request-invalid-quantity-range = La cantidad debe estar entre 1 y { $max }.
request-invalid-name-length = Un nombre de personaje debe tener de { $min } a { $max } caracteres.
request-invalid-name-chars = Un nombre de personaje no puede contener `:` ni caracteres de control.
request-invalid-notes-length = Las notas pueden tener como máximo { $max } caracteres (has escrito { $count }). Acórtalas e inténtalo de nuevo.
request-invalid-amount = Para { $material }, escribe un número entero de 0 a { $needed }.

## The member's request channel (its topic is in the guild's language)
request-channel-topic = Canal de pedidos privado de <@{ $user }>. Usa /{ commands-request-name } para hacer un pedido.
