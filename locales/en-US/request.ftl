# request texts (en-US): the /request flow, its receipt, and what a member types in it.

## The flow's message
request-header = **New request** · step { $number } of { $steps } · { $question }
request-step-character = Who is this request for?
request-step-profession = Which profession?
request-step-slot = Which gear slot?
request-step-item = Which item?
request-step-quantity = How many, and any notes for the crafter?
request-step-materials = Who provides the materials?
request-step-confirm = Check your request and confirm.
request-no-characters = You have no registered character yet. Register one (it is remembered next time), or type a name for this request only.
request-page = Page { $page } of { $pages }: use ◀ ▶ to see more.
request-amounts-hint = Say how much of each material you bring (press each button; leave 0 for none).

## Buttons and menus (button labels at most 80 characters, placeholders 150)
request-button-quantity = Enter quantity & notes
request-button-confirm = Confirm
request-button-edit = Edit
request-button-back = Back
request-button-cancel = Cancel
request-button-register = Register a character
request-button-type-name = Type a name
request-button-another-name = Another name
request-button-previous = ◀ Previous
request-button-next = Next ▶
request-button-provide-all = 📦 I provide all
request-button-provide-some = 🔶 I provide some
request-button-provide-none = ❔ I provide none
request-button-guild-craft = 🛡️ Guild craft
request-button-amounts = Materials { $from }–{ $to }
request-character-main = Main
request-character-alt = Alt
request-placeholder-character = Choose a character
request-placeholder-profession = Choose a profession
request-placeholder-slot = Choose a gear slot
request-placeholder-item = Choose an item
request-option-items = { $count } items

## Forms (titles and labels at most 45 characters)
request-modal-character = Character for this request
request-modal-register = Register a character
request-modal-quantity = Quantity and notes
request-modal-amounts = Materials you provide
request-input-name = Character name
request-input-name-placeholder = e.g. Thrallina
request-input-quantity = Quantity (1–{ $max })
request-input-quantity-placeholder = 1 to { $max }
request-input-notes = Notes
request-input-notes-placeholder = Anything the crafter should know (optional)
request-input-amount = { $material } (need { $needed })
request-input-amount-placeholder = 0 to { $needed }

## The summary card
request-card-title = Your request
request-field-character = Character
request-field-item = Item
request-field-quantity = Quantity
request-field-notes = Notes
request-field-materials = Materials
request-field-provided-by = Provided by
request-material-line = • { $material } — { $per_unit } × { $quantity } = **{ $needed }**
request-material-shares = (you: { $member }, guild: { $guild }, still needed: { $missing })

## Who provides the materials
request-plan-all = 📦 You provide all materials
request-plan-some = 🔶 You provide some materials
request-plan-none = ❔ You provide no materials
request-plan-guild = 🛡️ Guild craft: the guild provides the materials

## The end of the flow
request-cancelled = Request cancelled. Nothing was submitted. Use `/{ commands-request-name }` to start again.
request-submitting = Submitting…
request-receipt = ✅ **Request #{ $number } submitted.** Follow it with `/{ commands-status-name }`.
request-receipt-on-board =
    ✅ **Request #{ $number } submitted.** It is on the board: { $link }
    Follow it with `/{ commands-status-name }`.
request-receipt-title = Request #{ $number }
request-receipt-guild-provides = The guild provides
request-receipt-everything = Everything listed
request-receipt-providing = You're providing
request-receipt-still-needed = Still needed
request-receipt-nothing = Nothing

## Opening the flow (the answer to /request)
request-opening-channel = Opening your request channel… I'll put the link here in a moment.
request-opening-dm = Sending you a direct message… your request continues there in a moment.
request-waiting-in = Your request is waiting in <#{ $channel }>.
request-waiting-dm = I've sent you a DM: your request continues there.

## Refusals
request-refusal-unknown-item = I don't know that item. Pick one from the suggestions, or leave `item` empty to browse.
request-refusal-character-gone = That character is no longer registered. Pick another.
request-refusal-profession-gone = That profession is not offered any more. Pick another.
request-refusal-slot-gone = That gear slot is not offered any more. Pick another.
request-refusal-item-gone = That item is not in the catalog any more. Pick another.
request-refusal-character-taken = You already have a character named { $name }. Pick it from the menu.
request-refusal-guild-craft = Guild crafts are for members with the guild's core role.
request-refusal-pick-one = Pick exactly one option.

## What a member types (flow::input), checked
request-invalid-quantity-number = The quantity must be a whole number from 1 to { $max }.
request-invalid-quantity-range = The quantity must be from 1 to { $max }.
request-invalid-name-length = A character name must be { $min } to { $max } characters long.
request-invalid-name-chars = A character name cannot contain `:` or control characters.
request-invalid-notes-length = Notes can be at most { $max } characters (you wrote { $count }). Shorten them and try again.
request-invalid-amount = For { $material }, enter a whole number from 0 to { $needed }.

## The member's request channel (its topic is in the guild's language)
request-channel-topic = Private request channel of <@{ $user }>. Use /{ commands-request-name } to start a request.
