# /setup: what a guild's admins read while setting craftdesk up (src/flow/setup,
# src/discord/setup.rs). The screens follow the admin's language; the log channel's post of
# a change follows the guild's.

## The pages

setup-title = Configuración de craftdesk · { $page } ({ $number }/{ $pages })
setup-page-channels = Canales
setup-page-roles = Registro y roles
setup-page-crafters = Artesanos
setup-page-options = Notificaciones y límites
setup-help-channels = **Categoría de solicitudes**: ahí se crea el canal privado de solicitud de cada miembro (modo canal). **Desbordamiento**: se usa cuando está llena (50 canales). **Panel**: ahí se publica y se fija el botón Crear solicitud; cambiarlo mueve el panel. **Tablón**: ahí se publican las solicitudes abiertas para los artesanos.
setup-help-roles = **Registro**: ahí se publica cada cambio de solicitudes y de ajustes. Los **oficiales** gestionan todas las solicitudes y el catálogo. Los miembros **principales** pueden pedir materiales fabricados por el gremio. **Rol de registro**: quién puede hacer solicitudes (ninguno: todos).
setup-help-crafters = Elige una profesión y luego el rol de sus artesanos: verán y reclamarán sus solicitudes desde el próximo clic.
setup-help-options = Elige qué se les dice a los miembros por MD y ajusta los límites de solicitudes.
setup-still-to-do = **Pendiente:**
setup-problem-no-category = El modo canal necesita una categoría de solicitudes.
setup-problem-no-panel = Sin canal de panel: los miembros aún pueden usar `/{ commands-request-name }`.
setup-problem-no-board = Sin canal de tablón: los artesanos usan `/{ commands-requests-name }` para encontrar trabajo.
setup-applies-next-click = Cada cambio se aplica desde el próximo clic y se publica en el canal de registro.
setup-file-managed = Este servidor se gestiona con el archivo de configuración del bot (una tabla `[[guild]]`): sus ajustes se muestran aquí solo para lectura. Pide al operador del bot que los cambie ahí.
setup-file-managed-title = Ajustes de craftdesk (del archivo)

## The current settings (the card's fields)

setup-field-mode = Modo
setup-field-categories = Categoría de solicitudes · desbordamiento
setup-field-channels = Panel · tablón · registro
setup-field-roles = Roles de oficial · principal · registro
setup-field-crafters = Roles de artesano
setup-field-notifications = Notificaciones
setup-field-limits = Límites
setup-field-language = Idioma de los mensajes compartidos

## Values

setup-none = ninguno
setup-on = sí
setup-off = no
setup-mode-channel = canal (un canal privado por miembro)
setup-mode-dm = MD (todo ocurre en mensajes directos)
setup-limits-value = { $max_open } solicitudes abiertas por miembro, { $burst } envíos seguidos y luego { $per_minute } por minuto
setup-language-discord-short = Idioma del servidor en Discord
setup-language-discord = Idioma del servidor en Discord (ahora: { $language })
setup-profession-role = rol { $role }
setup-notify-claim = reclamar
setup-notify-start = empezar
setup-notify-complete = completar
setup-notify-release = liberar
setup-notify-deny = rechazar
setup-notify-cancel = cancelar
setup-notify-reassign = reasignar

## Menus and buttons (placeholders at most 150 characters, labels at most 80)

setup-pick-category = Categoría de solicitudes
setup-pick-overflow = Categorías de desbordamiento (ninguna para vaciar)
setup-pick-panel = Canal del panel (ninguno para vaciar)
setup-pick-board = Canal del tablón (ninguno para vaciar)
setup-pick-log = Canal de registro (ninguno para vaciar)
setup-pick-officers = Roles de oficial (ninguno para vaciar)
setup-pick-core = Roles principales (ninguno para vaciar)
setup-pick-register = Rol de registro (ninguno: todos)
setup-pick-profession = Elige una profesión
setup-profession = Profesión: { $profession }
setup-pick-crafter = Rol de artesano para { $profession } (ninguno para vaciar)
setup-pick-language = Idioma de los mensajes compartidos
setup-switch-to-dm = Cambiar a modo MD
setup-switch-to-channel = Cambiar a modo canal
setup-create = Créalos por mí
setup-back = ◀ Atrás
setup-next = Siguiente ▶
setup-done = Hecho
setup-notify-button = { $name }: { $state }
setup-limits-button = Límites…

## The limits form (title and labels at most 45 characters)

setup-limits-title = Límites
setup-limit-label = { $limit ->
    [max-open] Solicitudes abiertas por miembro
    [burst] Envíos seguidos
   *[per-minute] Envíos por minuto
}

## What changed (the admin's notice, the log channel's post, the audit)

setup-setting-mode = Modo
setup-setting-request-category = Categoría de solicitudes
setup-setting-overflow = Categorías de desbordamiento
setup-setting-panel = Canal del panel
setup-setting-board = Canal del tablón
setup-setting-log = Canal de registro
setup-setting-officers = Roles de oficial
setup-setting-core = Roles principales
setup-setting-register = Rol de registro
setup-setting-crafter = Rol de artesano para { $profession }
setup-setting-notify = Aviso al { $name }
setup-setting-limits = Límites
setup-setting-language = Idioma de los mensajes compartidos
setup-unchanged = No ha cambiado nada: ese ya es el ajuste.
setup-saved = ✅ Guardado. Desde el próximo clic:
setup-saved-line = • **{ $setting }**: { $before } → { $after }
setup-log-changed = ⚙️ <@{ $user }> ha cambiado los ajustes:
setup-log-line = • { $setting }: { $before } → { $after }
setup-closed = Configuración cerrada. Usa `/{ commands-setup-name }` cuando quieras para ver o cambiar los ajustes.

## Refusals

setup-needs-manage-server = Solo los miembros con el permiso **Gestionar servidor** pueden cambiar los ajustes de craftdesk, así que no ha cambiado nada. Pide a un admin del servidor que use `/{ commands-setup-name }` o que te dé ese permiso.
setup-conflict = Otro admin ha cambiado los ajustes mientras mirabas, así que no se ha guardado nada tuyo. La configuración muestra ahora sus ajustes: vuelve a hacer tu cambio si aún lo quieres.
setup-refusal-unchanged = { $reason } No ha cambiado nada.
setup-refusal-mode-needs-category = El modo canal crea el canal privado de cada miembro en la categoría de solicitudes: elige primero una categoría de solicitudes (o pulsa **Créalos por mí**).
setup-refusal-category-is-overflow = Esa categoría ya es de desbordamiento: elige otra o quítala antes de la lista de desbordamiento.
setup-refusal-overflow-is-category = La propia categoría de solicitudes no puede ser de desbordamiento: elige otras categorías.
setup-refusal-limit-zero = Cada límite debe ser al menos 1.
setup-refusal-limit-not-number = { $limit ->
    [max-open] Solicitudes abiertas por miembro
    [burst] Envíos seguidos
   *[per-minute] Envíos por minuto
} debe ser un número entero; se recibió { $value }.
setup-refusal-limit-range = { $limit ->
    [max-open] Solicitudes abiertas por miembro
    [burst] Envíos seguidos
   *[per-minute] Envíos por minuto
} debe estar entre { $min } y { $max }; se recibió { $value }.
setup-refusal-unknown-profession = Esa profesión no está en el catálogo, así que no ha cambiado nada. Elige una del menú.
setup-refusal-unknown-language = craftdesk no incluye ese idioma, así que no ha cambiado nada. Elige uno del menú.
setup-refusal-not-a-category = Eso no es una categoría, así que no ha cambiado nada. Elige una categoría (un grupo de canales): los canales de solicitud se crean dentro.
setup-refusal-not-text = Eso no es un canal de texto, así que no ha cambiado nada. Elige un canal de texto.
setup-refusal-channel-gone = Ese canal ya no existe (se borró después de mostrarse el menú), así que no ha cambiado nada. Elige otro.
setup-refusal-role-gone = Ese rol ya no existe (se borró después de mostrarse el menú), así que no ha cambiado nada. Elige otro.
setup-refusal-everyone = @everyone no se puede elegir aquí, así que no ha cambiado nada: elige un rol que se dé a los miembros.
setup-refusal-profession-first = Elige primero una profesión; no ha cambiado nada.
setup-refusal-grant = Aún no puedo usar <#{ $channel }>, así que no ha cambiado nada: dale a craftdesk **{ $permissions }** ahí (Editar canal → Permisos → añade el rol de craftdesk) y vuelve a elegirlo.
setup-permission = { $permission ->
    [view-channel] Ver canal
    [send-messages] Enviar mensajes
    [embed-links] Insertar enlaces
    [read-message-history] Leer el historial de mensajes
    [manage-channels] Gestionar canales
   *[manage-permissions] Gestionar permisos
}
setup-refusal-grant-channels = No he podido crear los canales porque me faltan permisos, así que no ha cambiado nada. Dale al rol de craftdesk **Gestionar canales** y **Gestionar roles** (Ajustes del servidor → Roles → craftdesk) y vuelve a pulsar **Créalos por mí**.
setup-refusal-create-failed = Discord no me ha dejado crear los canales, así que no ha cambiado nada. Vuelve a intentarlo en un momento. { $error }

## The channels "Create them for me" makes (Discord channel names: lowercase, no spaces)

setup-channel-category = Solicitudes
setup-channel-panel = solicitudes
setup-channel-board = tablón-de-solicitudes
setup-channel-log = registro-de-solicitudes
