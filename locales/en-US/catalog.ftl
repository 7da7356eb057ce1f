# /catalog: officers upload, download and reset a profession's catalog (src/flow/catalog.rs,
# src/discord/catalog.rs). Answers follow the officer's language; the log channel's post
# follows the guild's. What quotes the admin's file (names, the loader's problems) is data.

catalog-refusal-not-allowed = Only officers (the officer role set with `/{ commands-setup-name }`) or members with the **Manage Server** permission can change the catalog, so nothing changed. `/{ commands-catalog-name } { commands-catalog-download-name }` shows the current one to anyone.
catalog-refusal-file-managed = This server's catalog is the operator's file (its `[[guild]]` table in config.toml), so it can't be changed from Discord and nothing changed. Ask the bot's operator to edit the catalog files; `/{ commands-catalog-name } { commands-catalog-download-name }` shows the current one.
# $name is what was typed, quoted.
catalog-refusal-bad-profession = { $name } is not a profession name: use lowercase letters, digits, `-` or `_` (at most 32), e.g. `enchanting`. Nothing changed.
# $size and $max in KiB.
catalog-refusal-too-big = `{ $file }` is { $size } KiB; a catalog file may be at most { $max } KiB. Nothing changed.
catalog-refusal-empty = That file is empty. Attach the profession's catalog JSON. Nothing changed.
# $kind is the file's content type, as Discord reports it.
catalog-refusal-not-json = `{ $file }` is { $kind } , not a JSON file. Attach the profession's catalog JSON (e.g. `enchanting.json`). Nothing changed.
catalog-refusal-larger = That file is larger than { $max } KiB, the most a catalog file may be. Nothing changed.
catalog-refusal-not-utf8 = That file is not UTF-8 text. Save the catalog as UTF-8 JSON and upload it again. Nothing changed.
catalog-refusal-no-file = Attach the profession's catalog JSON file (the `file` option). Nothing changed.
catalog-refusal-download-failed = I couldn't download that file from Discord. Nothing changed; please upload it again.
catalog-refusal-never-uploaded = The **{ $profession }** catalog was never uploaded here: it is already the built-in one, so nothing changed.
# $professions: the guild's profession names, in backticks, joined by ", ".
catalog-refusal-unknown = There is no **{ $profession }** catalog here. The professions are: { $professions }.

## A malformed upload: the head, the loader's problems (quoted), the foot

catalog-problems-head = { $count ->
    [one] ❌ The catalog was not changed: the file has { $count } problem.
   *[other] ❌ The catalog was not changed: the file has { $count } problems.
}
catalog-problems-more = …and { $count } more.
catalog-problems-foot = Fix them and upload the file again (`/{ commands-catalog-name } { commands-catalog-download-name }` gives the current one to start from).

## What a profession's catalog is served from

# English keeps "items" for one too (the audit's wording since /catalog began).
catalog-served-uploaded-items = uploaded ({ $count } items)
catalog-served-uploaded = uploaded
catalog-served-built-in = built-in
catalog-served-none = none

## Answers and the log channel's post

# $before and $after are catalog-served-* texts.
catalog-uploaded = ✅ The **{ $profession }** catalog now has { $items } items ({ $before } → { $after }). `/{ commands-request-name }` offers them from now on; `/{ commands-catalog-name } { commands-catalog-reset-name } { commands-catalog-profession-name }:{ $profession }` goes back to the built-in one.
# $served is catalog-reset-gone or catalog-reset-built-in.
catalog-reset = ✅ The **{ $profession }** catalog is reset ({ $before } → { $after }). { $served }
catalog-reset-gone = There is no built-in **{ $profession }** catalog, so the profession is gone from `/{ commands-request-name }`.
catalog-reset-built-in = `/{ commands-request-name }` offers the built-in items from now on.
catalog-download = The current **{ $profession }** catalog ({ $source ->
        [uploaded] uploaded
        [file] the operator's file
       *[built-in] built-in
    }). Edit it and upload it again with `/{ commands-catalog-name } { commands-catalog-upload-name }`.
catalog-log-changed = 📚 <@{ $user }> changed the **{ $profession }** catalog: { $before } → { $after }.
