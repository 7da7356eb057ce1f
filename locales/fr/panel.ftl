# The panel: pinned in the panel channel (the guild's language) and sent as the DM home
# message (the member's language).
panel-title = Demandes d'artisanat
panel-description =
    Demande un objet aux artisans de la guilde : appuie sur **Créer une demande** et suis les étapes dans ton espace privé.
    {"**"}Mes demandes** montre ce que tu as demandé, **Mes personnages** pour qui tu demandes, et les artisans trouvent leur travail dans **Gérer les demandes**.
# Buttons (at most 80 characters).
panel-button-create = Créer une demande
panel-button-mine = Mes demandes
panel-button-manage = Gérer les demandes
panel-button-characters = Mes personnages
