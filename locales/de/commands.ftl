# The slash commands, their options and choices (src/discord/commands.rs): Discord shows each
# member the ones of their client's language. Names: lowercase, 1–32 letters, digits, `-`
# or `_`, no spaces, unique among their siblings; descriptions 1–100 characters. English
# names are the commands' own (what interactions carry): keep them as they are.

commands-request-name = anfrage
commands-request-description = Bitte die Handwerker der Gilde um einen Gegenstand
commands-request-item-name = gegenstand
commands-request-item-description = Direkt zu einem Gegenstand springen (tippen zum Suchen)
commands-status-name = status
commands-status-description = Deine Anfragen ansehen und abbrechen
commands-register-name = charaktere
commands-register-description = Deine Charaktere hinzufügen, bearbeiten oder entfernen
commands-requests-name = anfragen
commands-requests-description = Handwerker und Offiziere: offene Anfragen, Übernahmen, deine Arbeit und Einkaufsliste
commands-catalog-name = katalog
commands-catalog-description = Offiziere: Katalog eines Berufs hochladen, herunterladen oder zurücksetzen
commands-catalog-upload-name = hochladen
commands-catalog-upload-description = Den Katalog eines Berufs durch eine JSON-Datei ersetzen
commands-catalog-upload-file-name = datei
commands-catalog-upload-file-description = Das Katalog-JSON des Berufs (höchstens 256 KiB)
commands-catalog-download-name = herunterladen
commands-catalog-download-description = Den aktuellen Katalog eines Berufs als JSON-Datei holen
commands-catalog-reset-name = zurücksetzen
commands-catalog-reset-description = Wieder den eingebauten Katalog eines Berufs verwenden
commands-catalog-profession-name = beruf
commands-catalog-profession-description = Der Beruf, z. B. enchanting (tippen zum Suchen)
commands-setup-name = einrichten
commands-setup-description = Admins: craftdesk für diesen Server einrichten (Kanäle, Rollen, Limits)
