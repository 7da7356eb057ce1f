# The board: a request's post (the guild's language), what crafters and officers are
# answered when they act on it, and its forms (the clicker's language).

## The post
board-title = Anfrage #{ $number }
board-field-item = Gegenstand
board-field-for = Für
board-field-profession = Beruf
board-field-status = Status
board-field-materials = Materialien
board-field-needs = Benötigt
board-field-notes = Notizen
board-field-crafter = Handwerker
board-field-done = Fertig
board-field-reason = Grund
board-done = { $done } von { $quantity }
board-needs-line = • { $material } ×{ $needed } (Mitglied bringt { $brings }, noch benötigt { $still })
board-needs-line-handed = • { $material } ×{ $needed } (Mitglied bringt { $brings }, übergeben { $handed }, noch benötigt { $still })
board-plan = { $plan ->
    [member-all] 📦 Mitglied stellt alle Materialien
    [member-some] 🔶 Mitglied stellt einige Materialien
    [member-none] ❔ Mitglied stellt keine Materialien
   *[guild-craft] 🛡️ Gildenauftrag: Die Gilde stellt die Materialien
}
board-button-claim = Beanspruchen
board-button-deny = Ablehnen
board-button-cancel = Stornieren
board-button-assign = Zuweisen…
board-button-start = Beginnen
board-button-complete = Abschließen
board-button-release = Freigeben
board-button-reassign = Neu zuweisen…
board-button-reopen = Wieder öffnen
board-button-handover = Materialien erhalten…

## Answers to a click
board-answer-done = Erledigt.
board-answer-now-with = Anfrage #{ $number } liegt jetzt bei <@{ $crafter }>.
board-answer-now = Anfrage #{ $number } ist jetzt { $status ->
    [open] offen
    [claimed] beansprucht
    [in_progress] in Arbeit
    [completed] erledigt
    [denied] abgelehnt
   *[cancelled] storniert
}.
board-picker = Wer soll Anfrage #{ $number } ({ $item } ×{ $quantity }) herstellen? Wähle einen Handwerker für { $profession } oder einen Offizier.
board-picker-placeholder = Handwerker wählen…
board-handover-recorded = Für Anfrage #{ $number } erfasst: { $summary }.
board-handover-recorded-left = Für Anfrage #{ $number } erfasst: { $summary }. Noch abzuholen: insgesamt { $left }.

## Forms (titles and labels at most 45 characters)
board-form-complete-title = Anfrage #{ $number } abschließen
board-form-quantity = Jetzt hergestellte Menge
board-form-note = Notiz für den Anfragenden (optional)
board-form-deny-title = Anfrage #{ $number } ablehnen
board-form-cancel-title = Anfrage #{ $number } stornieren
board-form-reason = Grund (sieht der Anfragende)
board-handover-form-title = Materialien für Anfrage #{ $number }
board-handover-form-line = { $material } (von { $brings })

## History notes (stored in English; shown in the log channel's language)
board-note-reopened = alle { $quantity } neu herzustellen ({ $done } waren schon fertig)
board-note-reassigned-from = von <@{ $from }> an <@{ $to }>
board-note-reassigned = an <@{ $to }>

## Refusals
board-refusal-only-crafters = Das können nur Handwerker dieses Berufs und Offiziere.
board-refusal-only-officers = Das können nur Offiziere.
board-refusal-already-claimed = Schon beansprucht von <@{ $crafter }>.
board-refusal-already-claimed-someone = Schon von jemandem beansprucht.
board-refusal-complete-quantity = Gib eine Menge von 1 bis { $remaining } ein (was noch herzustellen ist).
board-refusal-reassign-same = <@{ $crafter }> hat diese Anfrage bereits.
board-refusal-reassign-not-crafter = <@{ $crafter }> ist kein Handwerker dieses Berufs (und kein Offizier); wähle jemanden, der es ist.
board-refusal-claimed-by-other = Diese Anfrage hat <@{ $crafter }> beansprucht; nur diese Person oder ein Offizier kann das tun.
board-refusal-claimed-by-someone = Diese Anfrage hat jemand beansprucht; nur diese Person oder ein Offizier kann das tun.
board-refusal-status-now = Diese Anfrage ist jetzt { $status ->
    [open] offen
    [claimed] beansprucht
    [in_progress] in Arbeit
    [completed] erledigt
    [denied] abgelehnt
   *[cancelled] storniert
}; das geht nicht. Das Board zeigt, was geht.
board-refusal-reassign-closed = Diese Anfrage ist jetzt { $status ->
    [open] offen
    [claimed] beansprucht
    [in_progress] in Arbeit
    [completed] erledigt
    [denied] abgelehnt
   *[cancelled] storniert
}; öffne sie erst wieder, um sie jemandem zu geben.
board-refusal-handover-amount = { $material }: Gib eine Zahl von 0 bis { $max } ein (was der Anfragende mitbringt).
board-refusal-handover-closed = Diese Anfrage ist jetzt { $status ->
    [open] offen
    [claimed] beansprucht
    [in_progress] in Arbeit
    [completed] erledigt
    [denied] abgelehnt
   *[cancelled] storniert
}; es gibt nichts zu übergeben.
board-refusal-handover-claimed-by-other = Diese Anfrage hat <@{ $crafter }> beansprucht; nur diese Person oder ein Offizier erfasst Materialien.
board-refusal-handover-claim-first = Beanspruche die Anfrage zuerst und erfasse dann, was der Anfragende übergeben hat.
board-refusal-handover-nothing = Der Anfragende stellt für diese Anfrage keine Materialien.
board-refusal-handover-changed = Anfrage #{ $number } hat sich inzwischen geändert (jemand anderes hat Materialien erfasst, oder sie wurde geschlossen). Drück den Button noch einmal.
board-refusal-note-too-long = Eine Notiz darf höchstens { $max } Zeichen lang sein.
board-refusal-reason-required = Bitte gib einen Grund an.
board-refusal-too-late = Zu spät: Anfrage #{ $number } wurde gerade von <@{ $crafter }> beansprucht.
board-refusal-changed-meanwhile = Anfrage #{ $number } hat sich inzwischen geändert. Schau noch einmal aufs Board.
board-refusal-pick-one-member = Wähle ein Mitglied.
board-refusal-picked-a-bot = Bots stellen nichts her. Wähle ein Mitglied.
board-refusal-picked-left = <@{ $member }> ist nicht mehr auf diesem Server.
