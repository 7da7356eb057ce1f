# The slash commands, their options and choices (src/discord/commands.rs): Discord shows each
# member the ones of their client's language. Names: lowercase, 1–32 letters, digits, `-`
# or `_`, no spaces, unique among their siblings; descriptions 1–100 characters. English
# names are the commands' own (what interactions carry): keep them as they are.

commands-request-name = demande
commands-request-description = Demande un objet aux artisans de la guilde
commands-request-item-name = objet
commands-request-item-description = Aller directement à un objet (tape pour chercher)
commands-status-name = statut
commands-status-description = Voir et annuler tes demandes
commands-register-name = personnages
commands-register-description = Ajouter, modifier ou retirer tes personnages
commands-requests-name = demandes
commands-requests-description = Artisans et officiers : demandes ouvertes, prises en charge, ton travail et ta liste d'achats
commands-catalog-name = catalogue
commands-catalog-description = Officiers : importer, télécharger ou réinitialiser le catalogue d'un métier
commands-catalog-upload-name = importer
commands-catalog-upload-description = Remplacer le catalogue d'un métier par un fichier JSON
commands-catalog-upload-file-name = fichier
commands-catalog-upload-file-description = Le JSON du catalogue du métier (256 KiB au plus)
commands-catalog-download-name = télécharger
commands-catalog-download-description = Obtenir le catalogue actuel d'un métier en fichier JSON
commands-catalog-reset-name = réinitialiser
commands-catalog-reset-description = Revenir au catalogue intégré d'un métier
commands-catalog-profession-name = métier
commands-catalog-profession-description = Le métier, p. ex. enchanting (tape pour chercher)
commands-setup-name = configurer
commands-setup-description = Admins : configurer craftdesk pour ce serveur (salons, rôles, limites)
