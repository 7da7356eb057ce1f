# Refusals: what a member is told when craftdesk does not do what they asked
# (src/flow/refusal.rs). One wording per meaning.

refusal-not-yours = This menu belongs to someone else. Start your own with `/{ commands-request-name }`.
refusal-not-your-setup = This setup belongs to another admin, so nothing changed. Run `/{ commands-setup-name }` to open your own.
# The brief's wording for an expired flow.
refusal-expired = Session expired. Please start over.
refusal-already-handled = That was already handled (a double click?). Use the latest message.
refusal-already-submitted = ✅ Request #{ $number } was already submitted. Follow it with `/{ commands-status-name }`.
refusal-already-submitted-on-board = ✅ Request #{ $number } was already submitted. It is on the board: <#{ $board }>. Follow it with `/{ commands-status-name }`.
# $instead is one of the refusal-instead-* texts.
refusal-stale = That menu is out of date, so nothing changed. { $instead }
refusal-instead-flow = Use the buttons on the latest message.
refusal-instead-register = Run `/{ commands-register-name }` again.
refusal-instead-status = Run `/{ commands-status-name }` again.
refusal-instead-requests = Run `/{ commands-requests-name }` again.
refusal-instead-my-work = Open My work again.
refusal-instead-board = Use the board's buttons.
refusal-instead-board-form = Press the button again.
refusal-instead-reassign = Press Reassign again.
refusal-instead-setup = Use the latest setup message, or run `/{ commands-setup-name }` again.
refusal-needs-member-role = You need the member role to make requests. Ask an officer for it.
refusal-not-member = You're no longer a member of that server, so you can't use its requests any more.
refusal-other-guild = That button belongs to another server, so nothing changed. Use this server's board or panel, or run `/{ commands-requests-name }` here.
refusal-not-in-server = Use this in your guild's server (it doesn't work in DMs).
refusal-not-set-up = This server isn't set up for craftdesk yet. A server admin (someone with the Manage Server permission) has to run `/{ commands-setup-name }` first; then try again.
refusal-limit-open-flows = You already have { $open } requests in progress (the limit is { $max }). Finish or cancel one first.
refusal-limit-open-requests = You already have { $open } open requests (the limit is { $max }). Wait until some are done, or cancel one with `/{ commands-status-name }`.
refusal-limit-too-soon = You submitted several requests just now. Wait { $seconds } s and press Confirm again.
refusal-limit-characters = You can register at most { $max } characters. Remove one in My characters (/{ commands-register-name }), then try again.
refusal-slow-down = You're clicking faster than I can keep up. Wait a few seconds, then try again.
refusal-discord-busy = Discord is limiting what I can send right now. Please try again in a few minutes.
refusal-dms-closed = I can't send you DMs. Turn on *Allow direct messages from server members* for this server (Server menu → Privacy Settings), then try again.
refusal-spaces-full = All request channels are in use right now. Please try again later, or ask an officer to add an overflow category.
refusal-space-busy = Your request channel is still being set up. Please try again in a moment.
refusal-no-request-category = This server has no request category yet, so I can't open your request channel. Ask a server admin to pick one with `/{ commands-setup-name }`.
refusal-not-found = There is no request #{ $number } in this server.
# The one wording of "the bot failed": nothing changed, nothing was lost.
refusal-try-again = Something went wrong on my side. Nothing changed; please try again.
refusal-restarting = craftdesk is restarting, try again in a moment.
refusal-unknown-command = I don't know that command any more. Try `/{ commands-request-name }`, `/{ commands-status-name }`, `/{ commands-register-name }` or `/{ commands-requests-name }`.
refusal-unrecognised = I don't recognise that button (it may be from an older message). Start again with `/{ commands-request-name }`.
