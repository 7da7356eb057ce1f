# request texts (de): the /request flow, its receipt, and what a member types in it.

## The flow's message
request-header = **Neue Anfrage** · Schritt { $number } von { $steps } · { $question }
request-step-character = Für wen ist diese Anfrage?
request-step-profession = Welcher Beruf?
request-step-slot = Welcher Ausrüstungsplatz?
request-step-item = Welcher Gegenstand?
request-step-quantity = Wie viele, und gibt es Hinweise für den Handwerker?
request-step-materials = Wer stellt die Materialien?
request-step-confirm = Prüfe deine Anfrage und bestätige sie.
request-no-characters = Du hast noch keinen registrierten Charakter. Registriere einen (er wird fürs nächste Mal gemerkt) oder gib einen Namen nur für diese Anfrage ein.
request-page = Seite { $page } von { $pages }: Mit ◀ ▶ siehst du mehr.
request-amounts-hint = Gib an, wie viel du von jedem Material mitbringst (drück jede Schaltfläche; lass 0 für nichts).

## Buttons and menus (button labels at most 80 characters, placeholders 150)
request-button-quantity = Menge & Hinweise eingeben
request-button-confirm = Bestätigen
request-button-edit = Bearbeiten
request-button-back = Zurück
request-button-cancel = Abbrechen
request-button-register = Charakter registrieren
request-button-type-name = Namen eingeben
request-button-another-name = Anderer Name
request-button-previous = ◀ Vorherige
request-button-next = Nächste ▶
request-button-provide-all = 📦 Ich stelle alles
request-button-provide-some = 🔶 Ich stelle einen Teil
request-button-provide-none = ❔ Ich stelle nichts
request-button-guild-craft = 🛡️ Gildenauftrag
request-button-amounts = Materialien { $from }–{ $to }
request-character-main = Hauptcharakter
request-character-alt = Twink
request-placeholder-character = Wähle einen Charakter
request-placeholder-profession = Wähle einen Beruf
request-placeholder-slot = Wähle einen Ausrüstungsplatz
request-placeholder-item = Wähle einen Gegenstand
request-option-items = { $count ->
    [one] { $count } Gegenstand
   *[other] { $count } Gegenstände
}

## Forms (titles and labels at most 45 characters)
request-modal-character = Charakter für diese Anfrage
request-modal-register = Charakter registrieren
request-modal-quantity = Menge und Hinweise
request-modal-amounts = Materialien, die du stellst
request-input-name = Name des Charakters
request-input-name-placeholder = z. B. Thrallina
request-input-quantity = Menge (1–{ $max })
request-input-quantity-placeholder = 1 bis { $max }
request-input-notes = Hinweise
request-input-notes-placeholder = Was der Handwerker wissen sollte (optional)
request-input-amount = { $material } (benötigt: { $needed })
request-input-amount-placeholder = 0 bis { $needed }

## The summary card
request-card-title = Deine Anfrage
request-field-character = Charakter
request-field-item = Gegenstand
request-field-quantity = Menge
request-field-notes = Hinweise
request-field-materials = Materialien
request-field-provided-by = Gestellt von
request-material-line = • { $material } — { $per_unit } × { $quantity } = **{ $needed }**
request-material-shares = (du: { $member }, Gilde: { $guild }, fehlt noch: { $missing })

## Who provides the materials
request-plan-all = 📦 Du stellst alle Materialien
request-plan-some = 🔶 Du stellst einen Teil der Materialien
request-plan-none = ❔ Du stellst keine Materialien
request-plan-guild = 🛡️ Gildenauftrag: Die Gilde stellt die Materialien

## The end of the flow
request-cancelled = Anfrage abgebrochen. Es wurde nichts eingereicht. Mit `/{ commands-request-name }` fängst du neu an.
request-submitting = Wird eingereicht…
request-receipt = ✅ **Anfrage #{ $number } eingereicht.** Verfolge sie mit `/{ commands-status-name }`.
request-receipt-on-board =
    ✅ **Anfrage #{ $number } eingereicht.** Sie steht auf dem Board: { $link }
    Verfolge sie mit `/{ commands-status-name }`.
request-receipt-title = Anfrage #{ $number }
request-receipt-guild-provides = Die Gilde stellt
request-receipt-everything = Alles Aufgeführte
request-receipt-providing = Du stellst
request-receipt-still-needed = Fehlt noch
request-receipt-nothing = Nichts

## Opening the flow (the answer to /request)
request-opening-channel = Dein Anfragekanal wird geöffnet… Den Link setze ich gleich hier ein.
request-opening-dm = Ich schicke dir eine Direktnachricht… Deine Anfrage geht gleich dort weiter.
request-waiting-in = Deine Anfrage wartet in <#{ $channel }>.
request-waiting-dm = Ich habe dir eine DM geschickt: Deine Anfrage geht dort weiter.

## Refusals
request-refusal-unknown-item = Diesen Gegenstand kenne ich nicht. Wähle einen aus den Vorschlägen oder lass `item` leer, um zu stöbern.
request-refusal-character-gone = Dieser Charakter ist nicht mehr registriert. Wähle einen anderen.
request-refusal-profession-gone = Dieser Beruf wird nicht mehr angeboten. Wähle einen anderen.
request-refusal-slot-gone = Dieser Ausrüstungsplatz wird nicht mehr angeboten. Wähle einen anderen.
request-refusal-item-gone = Dieser Gegenstand ist nicht mehr im Katalog. Wähle einen anderen.
request-refusal-character-taken = Du hast schon einen Charakter namens { $name }. Wähle ihn im Menü.
request-refusal-guild-craft = Gildenaufträge sind Mitgliedern mit der Kernrolle der Gilde vorbehalten.
request-refusal-pick-one = Wähle genau eine Option.

## What a member types (flow::input), checked
request-invalid-quantity-number = Die Menge muss eine ganze Zahl von 1 bis { $max } sein.
request-invalid-quantity-range = Die Menge muss zwischen 1 und { $max } liegen.
request-invalid-name-length = Ein Charaktername muss { $min } bis { $max } Zeichen lang sein.
request-invalid-name-chars = Ein Charaktername darf weder `:` noch Steuerzeichen enthalten.
request-invalid-notes-length = Hinweise dürfen höchstens { $max } Zeichen lang sein (du hast { $count } geschrieben). Kürze sie und versuch es noch einmal.
request-invalid-amount = Gib für { $material } eine ganze Zahl von 0 bis { $needed } ein.

## The member's request channel (its topic is in the guild's language)
request-channel-topic = Privater Anfragekanal von <@{ $user }>. Mit /{ commands-request-name } startest du eine Anfrage.
