# The board: a request's post (the guild's language), what crafters and officers are
# answered when they act on it, and its forms (the clicker's language).

## The post
board-title = Request #{ $number }
board-field-item = Item
board-field-for = For
board-field-profession = Profession
board-field-status = Status
board-field-materials = Materials
board-field-needs = Needs
board-field-notes = Notes
board-field-crafter = Crafter
board-field-done = Done
board-field-reason = Reason
# $done of $quantity crafted so far.
board-done = { $done } of { $quantity }
# One material the request needs.
board-needs-line = • { $material } ×{ $needed } (member brings { $brings }, still needed { $still })
board-needs-line-handed = • { $material } ×{ $needed } (member brings { $brings }, handed over { $handed }, still needed { $still })
# Who provides the materials ($plan: member-all, member-some, member-none, guild-craft).
board-plan = { $plan ->
    [member-all] 📦 You provide all materials
    [member-some] 🔶 You provide some materials
    [member-none] ❔ You provide no materials
   *[guild-craft] 🛡️ Guild craft: the guild provides the materials
}
board-button-claim = Claim
board-button-deny = Deny
board-button-cancel = Cancel
board-button-assign = Assign…
board-button-start = Start
board-button-complete = Complete
board-button-release = Release
board-button-reassign = Reassign…
board-button-reopen = Reopen
board-button-handover = Materials received…

## Answers to a click
board-answer-done = Done.
board-answer-now-with = Request #{ $number } is now with <@{ $crafter }>.
# $status: open, claimed, in_progress, completed, denied, cancelled.
board-answer-now = Request #{ $number } is now { $status ->
    [open] open
    [claimed] claimed
    [in_progress] in progress
    [completed] completed
    [denied] denied
   *[cancelled] cancelled
}.
board-picker = Who should craft request #{ $number } ({ $item } ×{ $quantity })? Pick a crafter of { $profession } or an officer.
board-picker-placeholder = Pick a crafter…
board-handover-recorded = Recorded for request #{ $number }: { $summary }.
board-handover-recorded-left = Recorded for request #{ $number }: { $summary }. Still to collect: { $left } in all.

## Forms (titles and labels at most 45 characters)
board-form-complete-title = Complete request #{ $number }
board-form-quantity = Quantity crafted now
board-form-note = Note for the requester (optional)
board-form-deny-title = Deny request #{ $number }
board-form-cancel-title = Cancel request #{ $number }
board-form-reason = Reason (the requester sees it)
board-handover-form-title = Materials for request #{ $number }
# One material's input: how much of the $brings the member brings has arrived.
board-handover-form-line = { $material } (of { $brings })

## History notes (stored in English; shown in the log channel's language)
board-note-reopened = all { $quantity } to craft again ({ $done } had been done)
board-note-reassigned-from = from <@{ $from }> to <@{ $to }>
board-note-reassigned = to <@{ $to }>

## Refusals
board-refusal-only-crafters = Only crafters of this profession and officers can do that.
board-refusal-only-officers = Only officers can do that.
board-refusal-already-claimed = Already claimed by <@{ $crafter }>.
board-refusal-already-claimed-someone = Already claimed by someone.
board-refusal-complete-quantity = Enter a quantity from 1 to { $remaining } (what is left to craft).
board-refusal-reassign-same = <@{ $crafter }> already has this request.
board-refusal-reassign-not-crafter = <@{ $crafter }> is not a crafter of this profession (nor an officer); pick someone who is.
board-refusal-claimed-by-other = This request is claimed by <@{ $crafter }>; only they or an officer can do that.
board-refusal-claimed-by-someone = This request is claimed by someone; only they or an officer can do that.
board-refusal-status-now = This request is { $status ->
    [open] open
    [claimed] claimed
    [in_progress] in progress
    [completed] completed
    [denied] denied
   *[cancelled] cancelled
} now; that can't be done. The board shows what can.
board-refusal-reassign-closed = This request is { $status ->
    [open] open
    [claimed] claimed
    [in_progress] in progress
    [completed] completed
    [denied] denied
   *[cancelled] cancelled
} now; reopen it first to give it to someone.
board-refusal-handover-amount = { $material }: enter a number from 0 to { $max } (what the requester brings).
board-refusal-handover-closed = This request is { $status ->
    [open] open
    [claimed] claimed
    [in_progress] in progress
    [completed] completed
    [denied] denied
   *[cancelled] cancelled
} now; there is nothing to hand over.
board-refusal-handover-claimed-by-other = This request is claimed by <@{ $crafter }>; only they or an officer record materials.
board-refusal-handover-claim-first = Claim the request first, then record what the requester handed over.
board-refusal-handover-nothing = The requester provides no materials for this request.
board-refusal-handover-changed = Request #{ $number } changed meanwhile (someone else recorded materials, or it was closed). Press the button again.
board-refusal-note-too-long = A note can be at most { $max } characters.
board-refusal-reason-required = Please give a reason.
board-refusal-too-late = Too late: request #{ $number } was just claimed by <@{ $crafter }>.
board-refusal-changed-meanwhile = Request #{ $number } changed meanwhile. Look at the board again.
board-refusal-pick-one-member = Pick one member.
board-refusal-picked-a-bot = Bots don't craft. Pick a member.
board-refusal-picked-left = <@{ $member }> is not in this server any more.
