# Refusals: what a member is told when craftdesk does not do what they asked
# (src/flow/refusal.rs). One wording per meaning.

refusal-not-yours = Este menú es de otra persona. Empieza el tuyo con `/{ commands-request-name }`.
refusal-not-your-setup = Esta configuración es de otro admin, así que no ha cambiado nada. Usa `/{ commands-setup-name }` para abrir la tuya.
# The brief's wording for an expired flow.
refusal-expired = La sesión ha caducado. Vuelve a empezar.
refusal-already-handled = Eso ya se ha hecho (¿un doble clic?). Usa el mensaje más reciente.
refusal-already-submitted = ✅ La solicitud #{ $number } ya se ha enviado. Síguela con `/{ commands-status-name }`.
refusal-already-submitted-on-board = ✅ La solicitud #{ $number } ya se ha enviado. Está en el tablón: <#{ $board }>. Síguela con `/{ commands-status-name }`.
# $instead is one of the refusal-instead-* texts.
refusal-stale = Ese menú está desactualizado, así que no ha cambiado nada. { $instead }
refusal-instead-flow = Usa los botones del mensaje más reciente.
refusal-instead-register = Vuelve a usar `/{ commands-register-name }`.
refusal-instead-status = Vuelve a usar `/{ commands-status-name }`.
refusal-instead-requests = Vuelve a usar `/{ commands-requests-name }`.
refusal-instead-my-work = Vuelve a abrir Mi trabajo.
refusal-instead-board = Usa los botones del tablón.
refusal-instead-board-form = Vuelve a pulsar el botón.
refusal-instead-reassign = Vuelve a pulsar Reasignar.
refusal-instead-setup = Usa el último mensaje de configuración o vuelve a usar `/{ commands-setup-name }`.
refusal-needs-member-role = Necesitas el rol de miembro para hacer solicitudes. Pídeselo a un oficial.
refusal-not-member = Ya no eres miembro de ese servidor, así que no puedes usar sus solicitudes.
refusal-other-guild = Ese botón es de otro servidor, así que no ha cambiado nada. Usa el tablón o el panel de este servidor, o usa `/{ commands-requests-name }` aquí.
refusal-not-in-server = Usa esto en el servidor de tu gremio (no funciona en MD).
refusal-not-set-up = Este servidor aún no está configurado para craftdesk. Un admin del servidor (alguien con el permiso Gestionar servidor) tiene que usar `/{ commands-setup-name }` primero; luego vuelve a intentarlo.
refusal-limit-open-flows = Ya tienes { $open } { $open ->
        [one] solicitud
       *[other] solicitudes
    } en curso (el límite es { $max }). Termina o cancela una primero.
refusal-limit-open-requests = Ya tienes { $open } { $open ->
        [one] solicitud abierta
       *[other] solicitudes abiertas
    } (el límite es { $max }). Espera a que se completen algunas o cancela una con `/{ commands-status-name }`.
refusal-limit-too-soon = Acabas de enviar varias solicitudes. Espera { $seconds } s y vuelve a pulsar Confirmar.
refusal-limit-characters = Puedes registrar como máximo { $max } personajes. Quita uno en Mis personajes (/{ commands-register-name }) y vuelve a intentarlo.
refusal-slow-down = Haces clic más rápido de lo que puedo seguir. Espera unos segundos y vuelve a intentarlo.
refusal-discord-busy = Discord está limitando lo que puedo enviar ahora mismo. Vuelve a intentarlo en unos minutos.
refusal-dms-closed = No puedo enviarte MD. Activa *Permitir mensajes directos de miembros del servidor* en este servidor (menú del servidor → Ajustes de privacidad) y vuelve a intentarlo.
refusal-spaces-full = Todos los canales de solicitudes están en uso ahora mismo. Vuelve a intentarlo más tarde o pide a un oficial que añada una categoría de desbordamiento.
refusal-space-busy = Tu canal de solicitud aún se está preparando. Vuelve a intentarlo en un momento.
refusal-no-request-category = Este servidor aún no tiene categoría de solicitudes, así que no puedo abrir tu canal de solicitud. Pide a un admin del servidor que elija una con `/{ commands-setup-name }`.
refusal-not-found = No hay ninguna solicitud #{ $number } en este servidor.
# The one wording of "the bot failed": nothing changed, nothing was lost.
refusal-try-again = Algo ha fallado por mi parte. No ha cambiado nada; vuelve a intentarlo.
refusal-restarting = craftdesk se está reiniciando, vuelve a intentarlo en un momento.
refusal-unknown-command = Ya no conozco ese comando. Prueba `/{ commands-request-name }`, `/{ commands-status-name }`, `/{ commands-register-name }` o `/{ commands-requests-name }`.
refusal-unrecognised = No reconozco ese botón (puede ser de un mensaje antiguo). Vuelve a empezar con `/{ commands-request-name }`.
