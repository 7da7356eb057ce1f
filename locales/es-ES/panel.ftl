# The panel: pinned in the panel channel (the guild's language) and sent as the DM home
# message (the member's language).
panel-title = Solicitudes de fabricación
panel-description =
    Pide un objeto a los artesanos del gremio: pulsa **Crear solicitud** y sigue los pasos en tu espacio privado.
    {"**"}Mis solicitudes** muestra lo que pediste, **Mis personajes** para quién pides, y los artesanos encuentran su trabajo en **Gestionar solicitudes**.
# Buttons (at most 80 characters).
panel-button-create = Crear solicitud
panel-button-mine = Mis solicitudes
panel-button-manage = Gestionar solicitudes
panel-button-characters = Mis personajes
