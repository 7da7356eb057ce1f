# The slash commands, their options and choices (src/discord/commands.rs): Discord shows each
# member the ones of their client's language. Names: lowercase, 1–32 letters, digits, `-`
# or `_`, no spaces, unique among their siblings; descriptions 1–100 characters. English
# names are the commands' own (what interactions carry): keep them as they are.

commands-request-name = solicitud
commands-request-description = Pide un objeto a los artesanos del gremio
commands-request-item-name = objeto
commands-request-item-description = Ir directamente a un objeto (escribe para buscar)
commands-status-name = estado
commands-status-description = Ver y cancelar tus solicitudes
commands-register-name = personajes
commands-register-description = Añadir, editar o quitar tus personajes
commands-requests-name = solicitudes
commands-requests-description = Artesanos y oficiales: solicitudes abiertas, reclamadas, tu trabajo y su lista de compra
commands-catalog-name = catálogo
commands-catalog-description = Oficiales: subir, descargar o restablecer el catálogo de una profesión
commands-catalog-upload-name = subir
commands-catalog-upload-description = Reemplazar el catálogo de una profesión por un archivo JSON
commands-catalog-upload-file-name = archivo
commands-catalog-upload-file-description = El JSON del catálogo de la profesión (máx. 256 KiB)
commands-catalog-download-name = descargar
commands-catalog-download-description = Obtener el catálogo actual de una profesión como archivo JSON
commands-catalog-reset-name = restablecer
commands-catalog-reset-description = Volver a usar el catálogo integrado de una profesión
commands-catalog-profession-name = profesión
commands-catalog-profession-description = La profesión, p. ej. enchanting (escribe para buscar)
commands-setup-name = configurar
commands-setup-description = Admins: configurar craftdesk en este servidor (canales, roles, límites)
