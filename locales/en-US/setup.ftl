# /setup: what a guild's admins read while setting craftdesk up (src/flow/setup,
# src/discord/setup.rs). The screens follow the admin's language; the log channel's post of
# a change follows the guild's.

## The pages

setup-title = craftdesk setup · { $page } ({ $number }/{ $pages })
setup-page-channels = Channels
setup-page-roles = Log and roles
setup-page-crafters = Crafters
setup-page-options = Notifications and limits
setup-help-channels = **Request category**: each member's private request channel is made there (channel mode). **Overflow**: used when it is full (50 channels). **Panel**: the Create request button is posted and pinned there; changing it moves the panel. **Board**: open requests are posted there for crafters.
setup-help-roles = **Log**: every request change and every settings change is posted there. **Officers** manage every request and the catalog. **Core** members may ask for guild-crafted materials. **Register role**: who may make requests (none: everyone).
setup-help-crafters = Pick a profession, then the role of its crafters: they see and claim its requests from the next click on.
setup-help-options = Switch what members are told in DMs, and set the request limits.
setup-still-to-do = **Still to do:**
setup-problem-no-category = Channel mode needs a request category.
setup-problem-no-panel = No panel channel: members can still use `/{ commands-request-name }`.
setup-problem-no-board = No board channel: crafters use `/{ commands-requests-name }` to find work.
setup-applies-next-click = Each change applies from the next click on and is posted to the log channel.
setup-file-managed = This server is managed by the bot's configuration file (a `[[guild]]` table): its settings are shown here read-only. Ask the bot's operator to change them there.
setup-file-managed-title = craftdesk settings (from the file)

## The current settings (the card's fields)

setup-field-mode = Mode
setup-field-categories = Request category · overflow
setup-field-channels = Panel · board · log
setup-field-roles = Officer · core · register roles
setup-field-crafters = Crafter roles
setup-field-notifications = Notifications
setup-field-limits = Limits
setup-field-language = Language of shared messages

## Values

setup-none = none
setup-on = on
setup-off = off
setup-mode-channel = channel (a private channel per member)
setup-mode-dm = DM (flows run in direct messages)
setup-limits-value = { $max_open } open requests per member, { $burst } submissions at once, then { $per_minute } a minute
# The guild picked no language: shared messages read the one Discord reports.
setup-language-discord-short = Discord's server language
# A menu option (at most 100 characters); $language is the language's own name.
setup-language-discord = Discord's server language (now: { $language })
setup-profession-role = role { $role }
setup-notify-claim = claim
setup-notify-start = start
setup-notify-complete = complete
setup-notify-release = release
setup-notify-deny = deny
setup-notify-cancel = cancel
setup-notify-reassign = reassign

## Menus and buttons (placeholders at most 150 characters, labels at most 80)

setup-pick-category = Request category
setup-pick-overflow = Overflow categories (none to clear)
setup-pick-panel = Panel channel (none to clear)
setup-pick-board = Board channel (none to clear)
setup-pick-log = Log channel (none to clear)
setup-pick-officers = Officer roles (none to clear)
setup-pick-core = Core roles (none to clear)
setup-pick-register = Register role (none: everyone)
setup-pick-profession = Pick a profession
setup-profession = Profession: { $profession }
setup-pick-crafter = Crafter role for { $profession } (none to clear)
setup-pick-language = Language of shared messages
setup-switch-to-dm = Switch to DM mode
setup-switch-to-channel = Switch to channel mode
setup-create = Create them for me
setup-back = ◀ Back
setup-next = Next ▶
setup-done = Done
# $name is one of setup-notify-*, $state setup-on or setup-off.
setup-notify-button = { $name }: { $state }
setup-limits-button = Limits…

## The limits form (title and labels at most 45 characters)

setup-limits-title = Limits
setup-limit-label = { $limit ->
    [max-open] Open requests per member
    [burst] Submissions at once
   *[per-minute] Submissions a minute
}

## What changed (the admin's notice, the log channel's post, the audit)

setup-setting-mode = Mode
setup-setting-request-category = Request category
setup-setting-overflow = Overflow categories
setup-setting-panel = Panel channel
setup-setting-board = Board channel
setup-setting-log = Log channel
setup-setting-officers = Officer roles
setup-setting-core = Core roles
setup-setting-register = Register role
setup-setting-crafter = Crafter role for { $profession }
setup-setting-notify = Notification on { $name }
setup-setting-limits = Limits
setup-setting-language = Language of shared messages
setup-unchanged = Nothing changed: that is already the setting.
setup-saved = ✅ Saved. From the next click on:
# One changed setting under setup-saved (the admin's notice).
setup-saved-line = • **{ $setting }**: { $before } → { $after }
setup-log-changed = ⚙️ <@{ $user }> changed the settings:
# One changed setting under setup-log-changed (the log channel's post).
setup-log-line = • { $setting }: { $before } → { $after }
setup-closed = Setup closed. Run `/{ commands-setup-name }` any time to see or change the settings.

## Refusals

setup-needs-manage-server = Only members with the **Manage Server** permission can change craftdesk's settings, so nothing changed. Ask a server admin to run `/{ commands-setup-name }`, or to give you that permission.
setup-conflict = Another admin changed the settings while you were looking, so nothing of yours was saved. The setup now shows their settings: make your change again if you still want it.
# $reason is one of the refusals below it.
setup-refusal-unchanged = { $reason } Nothing changed.
setup-refusal-mode-needs-category = Channel mode makes each member's private channel in the request category: pick a request category first (or press **Create them for me**).
setup-refusal-category-is-overflow = That category is already an overflow category: pick another one, or take it out of the overflow list first.
setup-refusal-overflow-is-category = The request category itself cannot be an overflow category: pick other categories.
setup-refusal-limit-zero = Each limit must be at least 1.
# $value is what the admin typed, quoted.
setup-refusal-limit-not-number = { $limit ->
    [max-open] Open requests per member
    [burst] Submissions at once
   *[per-minute] Submissions a minute
} must be a whole number, got { $value }.
setup-refusal-limit-range = { $limit ->
    [max-open] Open requests per member
    [burst] Submissions at once
   *[per-minute] Submissions a minute
} must be between { $min } and { $max }, got { $value }.
setup-refusal-unknown-profession = That profession is not in the catalog, so nothing changed. Pick one from the menu.
setup-refusal-unknown-language = craftdesk doesn't ship that language, so nothing changed. Pick one from the menu.
setup-refusal-not-a-category = That is not a category, so nothing changed. Pick a category (a channel group): request channels are made inside it.
setup-refusal-not-text = That is not a text channel, so nothing changed. Pick a text channel for it.
setup-refusal-channel-gone = That channel no longer exists (deleted since the menu was shown), so nothing changed. Pick another.
setup-refusal-role-gone = That role no longer exists (deleted since the menu was shown), so nothing changed. Pick another.
setup-refusal-everyone = @everyone cannot be picked here, so nothing changed: pick a role members are given.
setup-refusal-profession-first = Pick a profession first, so nothing changed.
# $permissions: setup-permission names, joined by "**, **".
setup-refusal-grant = I can't use <#{ $channel }> yet, so nothing changed: give craftdesk **{ $permissions }** there (Edit Channel → Permissions → add craftdesk's role), then pick it again.
# Discord's own names of the permissions, as its settings show them.
setup-permission = { $permission ->
    [view-channel] View Channel
    [send-messages] Send Messages
    [embed-links] Embed Links
    [read-message-history] Read Message History
    [manage-channels] Manage Channels
   *[manage-permissions] Manage Permissions
}
setup-refusal-grant-channels = I couldn't create the channels because I'm missing permissions, so nothing changed. Give craftdesk's role **Manage Channels** and **Manage Roles** (Server Settings → Roles → craftdesk), then press **Create them for me** again.
# $error is Discord's own message.
setup-refusal-create-failed = Discord did not let me create the channels, so nothing changed. Try again in a moment. { $error }

## The channels "Create them for me" makes (Discord channel names: lowercase, no spaces)

setup-channel-category = Requests
setup-channel-panel = requests
setup-channel-board = request-board
setup-channel-log = request-log
