# The slash commands, their options and choices (src/discord/commands.rs): Discord shows each
# member the ones of their client's language. Names: lowercase, 1–32 letters, digits, `-`
# or `_`, no spaces, unique among their siblings; descriptions 1–100 characters. English
# names are the commands' own (what interactions carry): keep them as they are.

commands-request-name = request
commands-request-description = Ask the guild's crafters for an item
commands-request-item-name = item
commands-request-item-description = Jump straight to an item (type to search)
commands-status-name = status
commands-status-description = See and cancel your requests
commands-register-name = register
commands-register-description = Add, edit or remove your characters
commands-requests-name = requests
commands-requests-description = Crafters and officers: open requests, claims, your work and its shopping list
commands-catalog-name = catalog
commands-catalog-description = Officers: upload, download or reset a profession's catalog
commands-catalog-upload-name = upload
commands-catalog-upload-description = Replace a profession's catalog with a JSON file
commands-catalog-upload-file-name = file
commands-catalog-upload-file-description = The profession's catalog JSON (at most 256 KiB)
commands-catalog-download-name = download
commands-catalog-download-description = Get a profession's current catalog as a JSON file
commands-catalog-reset-name = reset
commands-catalog-reset-description = Serve the built-in catalog for a profession again
commands-catalog-profession-name = profession
commands-catalog-profession-description = The profession, e.g. enchanting (type to search)
commands-setup-name = setup
commands-setup-description = Admins: set craftdesk up for this server (channels, roles, limits)
