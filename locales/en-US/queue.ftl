# `/requests` (Manage requests): the crafters' and officers' queue, in the viewer's
# language.

## Tabs and paging (buttons: at most 80 characters)
queue-tab-open = Open
queue-tab-mine = Claimed by me
queue-tab-all = All pending
queue-tab-work = My work
queue-tab-overview = Overview
queue-tab-audit = Audit log
queue-previous = ◀ Previous
queue-next = Next ▶

## The lists
# How long ago a request was made: minutes, hours, days.
queue-age-minutes = { $n } min
queue-age-hours = { $n } h
queue-age-days = { $n } d
# $icon: the status' emoji, $materials: who brings the materials (an emoji), $age:
# queue-age-*, $crafter: " · <@crafter>" or empty.
queue-list-line = { $icon } **#{ $number }** { $item } ×{ $quantity } { $materials } · { $character } · { $age } ago{ $crafter }
queue-list-empty = Nothing here right now.
queue-list-title = Requests
queue-list-heading = **Requests** · { $count } listed for { $scope } · page { $page } of { $pages }
# $scope when no profession is picked.
queue-scope-all = all your professions
queue-all-my-professions = All my professions
# A profession in the filter menu (at most 100 characters).
queue-unassigned = { $count } unassigned
queue-profession-placeholder = Profession…
queue-claim-placeholder = Claim requests…
queue-find-button = Find request #…

## My work
queue-work-heading = **My work** · { $count } claimed
queue-work-title = My claimed requests
queue-work-line = { $icon } **#{ $number }** { $item } ×{ $quantity } ({ $done } done) { $materials } · { $character }
queue-work-empty = You have no claimed requests. Claim some from the Open tab.
queue-work-shopping-list = Shopping list (all my work)
queue-work-nothing-to-gather = Nothing to gather.
queue-work-to-collect = 📥 Still to collect from requesters
queue-work-for = For { $character }
queue-work-recently-cancelled = Recently cancelled
queue-release-placeholder = Release requests…
queue-finish-placeholder = Complete all for a character…
queue-finish-option = completes { $count } request(s) in full
queue-finish-none-left = You have no claimed requests for { $character } any more.

## Overview (officers)
queue-overview-heading = **Overview** · pending requests
queue-overview-title = Overview
queue-overview-by-profession = By profession
queue-overview-by-crafter = By crafter
queue-overview-profession = **{ $profession }**: 🟡 { $open } open · 🔵 { $claimed } claimed · 🛠️ { $progress } in progress
queue-overview-nothing-pending = Nothing pending.
queue-overview-nobody = Nobody has claimed anything.

## Audit log (officers)
queue-audit-heading = **Audit log** · { $count } events · page { $page } of { $pages }
queue-audit-heading-search = **Audit log** · characters matching “{ $search }” · { $count } events · page { $page } of { $pages }
queue-audit-title = Audit log (newest first)
# $at: a Discord timestamp, $event: queue-event, $note: log-note or empty.
queue-audit-line = { $at } **#{ $number }** { $item } ({ $character }) — { $event } by <@{ $actor }>{ $note }
queue-audit-empty = Nothing has happened yet.
queue-audit-no-match = No events for that character name.
queue-audit-search = Search character…
queue-audit-change-search = Change search…
# An event of a request's history ($event as stored); $other: the stored name, for an
# event this version does not know.
queue-event = { $event ->
    [created] created
    [claimed] claimed
    [started] started
    [released] released
    [completed] completed
    [partially_completed] partially completed
    [denied] denied
    [cancelled] cancelled
    [reopened] reopened
    [reassigned] reassigned
    [materials_received] materials received
   *[other] { $other }
}

## Forms (titles and labels at most 45 characters)
queue-search-title = Search the audit log
queue-search-label = Character name (or part of it)
queue-search-placeholder = A character's name, or empty for everyone
queue-find-title = Find a request
queue-find-label = Request number
queue-find-placeholder = e.g. 42

## A request looked up
queue-lookup-heading = **Request #{ $number }** · looked up
queue-history-title = History (newest first)
queue-history-line = • { $event } by <@{ $actor }>, { $minutes } min ago{ $note }
queue-history-empty = No events.
queue-back-to-list = Back to the list

## What happened to each request picked in a menu
queue-outcome-done = #{ $number }: { $event } ✅
queue-outcome-missing = #{ $number }: no such request
queue-outcome-refused = #{ $number }: { $reason }
queue-outcome-conflict = #{ $number }: it changed meanwhile; look again
queue-outcome-failed = #{ $number }: failed, try again

## Refusals
queue-refusal-not-a-crafter = Only crafters and officers manage requests. Use `/{ commands-status-name }` to follow your own.
queue-refusal-no-longer-crafter = You are no longer a crafter or officer here.
queue-refusal-only-officers-overview = Only officers see the overview.
queue-refusal-only-officers-audit = Only officers see the audit log.
queue-refusal-pick-requests = Pick 1 to 25 requests.
queue-refusal-pick-one-profession = Pick one profession.
queue-refusal-pick-one-character = Pick one character.
queue-refusal-not-your-profession = You don't craft that profession.
queue-refusal-search-too-long = Search for at most { $max } characters of a name.
queue-refusal-request-number = Enter a request number, e.g. 42.
