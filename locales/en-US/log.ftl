# The log channel's lines (the guild's language). $item and $character are the guild's
# names, as they are.

# A crafter's or officer's change. $progress is log-progress or empty, $note is
# log-note or empty.
log-request-changed = Request #{ $number } ({ $item } ×{ $quantity }) was { $action ->
    [claimed] claimed
    [started] started
    [completed] completed
    [partly-completed] partly completed
    [released] released
    [denied] denied
    [cancelled] cancelled
    [reopened] reopened
   *[reassigned] reassigned
} by <@{ $actor }>{ $progress }{ $note }.
log-progress = {" "}({ $done } of { $quantity } done)
# A note or reason after a line (also in the audit log and a request's history).
log-note = : { $note }
log-submitted = Request #{ $number } ({ $item } ×{ $quantity }) was submitted by <@{ $member }> for { $character }.
log-cancelled-by-member = Request #{ $number } ({ $item } ×{ $quantity }) was cancelled by <@{ $member }>{ $note }.
log-handover = Request #{ $number } ({ $item } ×{ $quantity }): <@{ $crafter }> recorded materials handed over: { $summary }.
