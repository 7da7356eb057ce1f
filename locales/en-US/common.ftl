# Texts used across craftdesk. Each folder of locales/ is one language (Discord's locale
# code); every folder has the same files, messages and variables (src/i18n/tests.rs).

# Used by the i18n tests: a plural and an id.
i18n-test-requests = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
i18n-test-channel = <#{ $channel }>

# A request's status, as a title (RequestStatus::label_in).
status-label-open = Open
status-label-claimed = Claimed
status-label-in-progress = In progress
status-label-completed = Completed
status-label-denied = Denied
status-label-cancelled = Cancelled
