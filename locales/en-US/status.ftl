# status texts (en-US): /status (My requests).

status-header-pending = **My requests** · { $count } pending
status-header-none = **My requests** · You have no pending requests. Start one with `/{ commands-request-name }`.
status-header-history = **My requests** · history, page { $page } of { $pages }
status-card-pending = Pending requests
status-card-history = Completed and cancelled
status-all-professions = All professions
status-line-progress = ({ $done }/{ $quantity } done)
status-history-empty = No completed or cancelled requests yet.
status-button-pending = Pending requests
status-button-history = History
status-button-newer = ◀ Newer
status-button-older = Older ▶
status-placeholder-cancel = Cancel open requests…

## Refusals
status-refusal-not-yours = That request is not yours or no longer exists.
status-refusal-not-open = Request #{ $number } is already { $status ->
        [claimed] claimed
        [in_progress] in progress
        [completed] completed
        [denied] denied
        [cancelled] cancelled
       *[other] { $status }
    }; only open requests can be cancelled. Ask an officer for the rest.
status-refusal-pick-one = Pick at least one request to cancel.
