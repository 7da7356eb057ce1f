# Texts used across craftdesk. Each folder of locales/ is one language (Discord's locale
# code); every folder has the same files, messages and variables (src/i18n/tests.rs).

# Used by the i18n tests: a plural and an id.
i18n-test-requests = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
i18n-test-channel = <#{ $channel }>
