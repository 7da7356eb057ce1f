# The panel: pinned in the panel channel (the guild's language) and sent as the DM home
# message (the member's language).
panel-title = Handwerksanfragen
panel-description =
    Bitte die Handwerker der Gilde um einen Gegenstand: Drück **Anfrage erstellen** und folge den Schritten in deinem privaten Bereich.
    {"**"}Meine Anfragen** zeigt, was du angefragt hast, **Meine Charaktere**, für wen du anfragst, und Handwerker finden ihre Arbeit unter **Anfragen verwalten**.
# Buttons (at most 80 characters).
panel-button-create = Anfrage erstellen
panel-button-mine = Meine Anfragen
panel-button-manage = Anfragen verwalten
panel-button-characters = Meine Charaktere
