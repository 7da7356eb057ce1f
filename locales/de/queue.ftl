# `/requests` (Manage requests): the crafters' and officers' queue, in the viewer's
# language.

## Tabs and paging (buttons: at most 80 characters)
queue-tab-open = Offen
queue-tab-mine = Von mir beansprucht
queue-tab-all = Alle ausstehenden
queue-tab-work = Meine Arbeit
queue-tab-overview = Übersicht
queue-tab-audit = Protokoll
queue-previous = ◀ Zurück
queue-next = Weiter ▶

## The lists
queue-age-minutes = { $n } Min.
queue-age-hours = { $n } Std.
queue-age-days = { $n } { $n ->
    [one] Tag
   *[other] Tagen
}
queue-list-line = { $icon } **#{ $number }** { $item } ×{ $quantity } { $materials } · { $character } · vor { $age }{ $crafter }
queue-list-empty = Hier ist gerade nichts.
queue-list-title = Anfragen
queue-list-heading = **Anfragen** · { $count } für { $scope } · Seite { $page } von { $pages }
queue-scope-all = alle deine Berufe
queue-all-my-professions = Alle meine Berufe
queue-unassigned = { $count } nicht zugewiesen
queue-profession-placeholder = Beruf…
queue-claim-placeholder = Anfragen beanspruchen…
queue-find-button = Anfrage #… finden

## My work
queue-work-heading = **Meine Arbeit** · { $count } beansprucht
queue-work-title = Meine beanspruchten Anfragen
queue-work-line = { $icon } **#{ $number }** { $item } ×{ $quantity } ({ $done } fertig) { $materials } · { $character }
queue-work-empty = Du hast keine beanspruchten Anfragen. Beanspruche welche im Tab Offen.
queue-work-shopping-list = Einkaufsliste (all meine Arbeit)
queue-work-nothing-to-gather = Nichts zu sammeln.
queue-work-to-collect = 📥 Noch von Anfragenden abzuholen
queue-work-for = Für { $character }
queue-work-recently-cancelled = Kürzlich storniert
queue-release-placeholder = Anfragen freigeben…
queue-finish-placeholder = Alle für einen Charakter abschließen…
queue-finish-option = schließt { $count ->
    [one] { $count } Anfrage
   *[other] { $count } Anfragen
} vollständig ab
queue-finish-none-left = Du hast keine beanspruchten Anfragen für { $character } mehr.

## Overview (officers)
queue-overview-heading = **Übersicht** · ausstehende Anfragen
queue-overview-title = Übersicht
queue-overview-by-profession = Nach Beruf
queue-overview-by-crafter = Nach Handwerker
queue-overview-profession = **{ $profession }**: 🟡 { $open } offen · 🔵 { $claimed } beansprucht · 🛠️ { $progress } in Arbeit
queue-overview-nothing-pending = Nichts ausstehend.
queue-overview-nobody = Niemand hat etwas beansprucht.

## Audit log (officers)
queue-audit-heading = **Protokoll** · { $count ->
    [one] { $count } Ereignis
   *[other] { $count } Ereignisse
} · Seite { $page } von { $pages }
queue-audit-heading-search = **Protokoll** · Charaktere mit „{ $search }“ · { $count ->
    [one] { $count } Ereignis
   *[other] { $count } Ereignisse
} · Seite { $page } von { $pages }
queue-audit-title = Protokoll (neueste zuerst)
queue-audit-line = { $at } **#{ $number }** { $item } ({ $character }) — { $event } von <@{ $actor }>{ $note }
queue-audit-empty = Bisher ist nichts passiert.
queue-audit-no-match = Keine Ereignisse für diesen Charakternamen.
queue-audit-search = Charakter suchen…
queue-audit-change-search = Suche ändern…
queue-event = { $event ->
    [created] erstellt
    [claimed] beansprucht
    [started] begonnen
    [released] freigegeben
    [completed] abgeschlossen
    [partially_completed] teilweise abgeschlossen
    [denied] abgelehnt
    [cancelled] storniert
    [reopened] wieder geöffnet
    [reassigned] neu zugewiesen
    [materials_received] Materialien erhalten
   *[other] { $other }
}

## Forms (titles and labels at most 45 characters)
queue-search-title = Protokoll durchsuchen
queue-search-label = Charaktername (oder ein Teil davon)
queue-search-placeholder = Name eines Charakters, oder leer für alle
queue-find-title = Anfrage finden
queue-find-label = Anfragenummer
queue-find-placeholder = z. B. 42

## A request looked up
queue-lookup-heading = **Anfrage #{ $number }** · nachgeschlagen
queue-history-title = Verlauf (neueste zuerst)
queue-history-line = • { $event } von <@{ $actor }>, vor { $minutes } Min.{ $note }
queue-history-empty = Keine Ereignisse.
queue-back-to-list = Zurück zur Liste

## What happened to each request picked in a menu
queue-outcome-done = #{ $number }: { $event } ✅
queue-outcome-missing = #{ $number }: keine solche Anfrage
queue-outcome-refused = #{ $number }: { $reason }
queue-outcome-conflict = #{ $number }: inzwischen geändert; schau noch einmal
queue-outcome-failed = #{ $number }: fehlgeschlagen, versuch es noch einmal

## Refusals
queue-refusal-not-a-crafter = Nur Handwerker und Offiziere verwalten Anfragen. Mit `/{ commands-status-name }` verfolgst du deine eigenen.
queue-refusal-no-longer-crafter = Du bist hier kein Handwerker oder Offizier mehr.
queue-refusal-only-officers-overview = Nur Offiziere sehen die Übersicht.
queue-refusal-only-officers-audit = Nur Offiziere sehen das Protokoll.
queue-refusal-pick-requests = Wähle 1 bis 25 Anfragen.
queue-refusal-pick-one-profession = Wähle einen Beruf.
queue-refusal-pick-one-character = Wähle einen Charakter.
queue-refusal-not-your-profession = Diesen Beruf übst du nicht aus.
queue-refusal-search-too-long = Suche nach höchstens { $max } Zeichen eines Namens.
queue-refusal-request-number = Gib eine Anfragenummer ein, z. B. 42.
