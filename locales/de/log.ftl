# The log channel's lines (the guild's language). $item and $character are the guild's
# names, as they are.

# A crafter's or officer's change. $progress is log-progress or empty, $note is
# log-note or empty.
log-request-changed = Anfrage #{ $number } ({ $item } ×{ $quantity }) wurde von <@{ $actor }> { $action ->
    [claimed] beansprucht
    [started] begonnen
    [completed] abgeschlossen
    [partly-completed] teilweise abgeschlossen
    [released] freigegeben
    [denied] abgelehnt
    [cancelled] storniert
    [reopened] wieder geöffnet
   *[reassigned] neu zugewiesen
}{ $progress }{ $note }.
log-progress = {" "}({ $done } von { $quantity } fertig)
log-note = : { $note }
log-submitted = Anfrage #{ $number } ({ $item } ×{ $quantity }) wurde von <@{ $member }> für { $character } eingereicht.
log-cancelled-by-member = Anfrage #{ $number } ({ $item } ×{ $quantity }) wurde von <@{ $member }> storniert{ $note }.
log-handover = Anfrage #{ $number } ({ $item } ×{ $quantity }): <@{ $crafter }> hat übergebene Materialien erfasst: { $summary }.
