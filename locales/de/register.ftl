# register texts (de): /register (My characters).

register-header-count = **Meine Charaktere** · { $count } registriert
register-header-selected = **Meine Charaktere** · { $name } ausgewählt
register-header-remove = **Meine Charaktere** · **{ $name }** entfernen? { $open ->
        [0] Er hat keine offenen Anfragen.
        [one] Damit wird seine offene Anfrage abgebrochen.
       *[other] Damit werden seine { $open } offenen Anfragen abgebrochen.
    }
register-card-title = Charaktere
register-empty = Noch keine Charaktere. Füge zuerst deinen Hauptcharakter hinzu.
register-placeholder-manage = Charakter bearbeiten oder entfernen…
register-character-main = Hauptcharakter
register-character-alt = Twink
register-button-add = Charakter hinzufügen
register-button-edit = Bearbeiten
register-button-remove = Entfernen
register-button-keep = Behalten
register-button-back = Zurück

## The character form (title and labels at most 45 characters)
register-modal-add = Charakter registrieren
register-modal-edit = Charakter bearbeiten
register-input-name = Name des Charakters
register-input-kind = main (Haupt) oder alt (Twink)
register-input-professions = Berufe (durch Kommas getrennt)

## Refusals
register-refusal-gone = Diesen Charakter gibt es nicht mehr.
register-refusal-taken = Du hast schon einen Charakter namens { $name }.
register-refusal-kind = Gib `main` oder `alt` ein, nicht { $typed }.
register-refusal-profession = { $typed } ist hier kein Beruf. Bekannt: { $known }.
