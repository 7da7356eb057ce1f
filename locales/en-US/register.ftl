# register texts (en-US): /register (My characters).

register-header-count = **My characters** · { $count } registered
register-header-selected = **My characters** · { $name } selected
register-header-remove = **My characters** · Remove **{ $name }**? This cancels its { $open } open request(s).
register-card-title = Characters
register-empty = No characters yet. Add your main first.
register-placeholder-manage = Edit or remove a character…
register-character-main = Main
register-character-alt = Alt
register-button-add = Add a character
register-button-edit = Edit
register-button-remove = Remove
register-button-keep = Keep it
register-button-back = Back

## The character form (title and labels at most 45 characters)
register-modal-add = Register a character
register-modal-edit = Edit character
register-input-name = Character name
register-input-kind = Main or alt
register-input-professions = Professions (comma-separated)

## Refusals
register-refusal-gone = That character no longer exists.
register-refusal-taken = You already have a character named { $name }.
register-refusal-kind = Type `main` or `alt`, not { $typed }.
register-refusal-profession = { $typed } is not a profession here. Known: { $known }.
