# /catalog: officers upload, download and reset a profession's catalog (src/flow/catalog.rs,
# src/discord/catalog.rs). Answers follow the officer's language; the log channel's post
# follows the guild's. What quotes the admin's file (names, the loader's problems) is data.

catalog-refusal-not-allowed = Менять каталог могут только офицеры (роль офицера, заданная через `/{ commands-setup-name }`) или участники с правом **Управлять сервером**, поэтому ничего не изменилось. `/{ commands-catalog-name } { commands-catalog-download-name }` показывает текущий каталог всем.
catalog-refusal-file-managed = Каталог этого сервера — файл оператора (его таблица `[[guild]]` в config.toml), поэтому его нельзя изменить из Discord, и ничего не изменилось. Попросите оператора бота отредактировать файлы каталога; `/{ commands-catalog-name } { commands-catalog-download-name }` показывает текущий.
catalog-refusal-bad-profession = { $name } — не название профессии: используйте строчные буквы, цифры, `-` или `_` (не более 32), например `enchanting`. Ничего не изменилось.
catalog-refusal-too-big = `{ $file }` весит { $size } KiB; файл каталога может весить не более { $max } KiB. Ничего не изменилось.
catalog-refusal-empty = Этот файл пуст. Прикрепите JSON-каталог профессии. Ничего не изменилось.
catalog-refusal-not-json = `{ $file }` — это { $kind }, а не файл JSON. Прикрепите JSON-каталог профессии (например, `enchanting.json`). Ничего не изменилось.
catalog-refusal-larger = Этот файл больше { $max } KiB — максимума для файла каталога. Ничего не изменилось.
catalog-refusal-not-utf8 = Этот файл не текст в UTF-8. Сохраните каталог как JSON в UTF-8 и загрузите снова. Ничего не изменилось.
catalog-refusal-no-file = Прикрепите JSON-файл каталога профессии (параметр `file`). Ничего не изменилось.
catalog-refusal-download-failed = Не удалось скачать этот файл из Discord. Ничего не изменилось; пожалуйста, загрузите его снова.
catalog-refusal-never-uploaded = Каталог **{ $profession }** здесь никогда не загружался: он уже встроенный, поэтому ничего не изменилось.
catalog-refusal-unknown = Здесь нет каталога **{ $profession }**. Профессии: { $professions }.

catalog-problems-head = { $count ->
    [one] ❌ Каталог не изменён: в файле { $count } проблема.
    [few] ❌ Каталог не изменён: в файле { $count } проблемы.
   *[many] ❌ Каталог не изменён: в файле { $count } проблем.
}
catalog-problems-more = …и ещё { $count }.
catalog-problems-foot = Исправьте их и загрузите файл снова (`/{ commands-catalog-name } { commands-catalog-download-name }` даёт текущий каталог как основу).

catalog-served-uploaded-items = { $count ->
    [one] загружен ({ $count } предмет)
    [few] загружен ({ $count } предмета)
   *[many] загружен ({ $count } предметов)
}
catalog-served-uploaded = загружен
catalog-served-built-in = встроенный
catalog-served-none = нет

catalog-uploaded = ✅ В каталоге **{ $profession }** теперь { $items } { $items ->
        [one] предмет
        [few] предмета
       *[many] предметов
    } ({ $before } → { $after }). `/{ commands-request-name }` предлагает их с этого момента; `/{ commands-catalog-name } { commands-catalog-reset-name } { commands-catalog-profession-name }:{ $profession }` вернёт встроенный.
catalog-reset = ✅ Каталог **{ $profession }** сброшен ({ $before } → { $after }). { $served }
catalog-reset-gone = Встроенного каталога **{ $profession }** нет, поэтому профессия исчезла из `/{ commands-request-name }`.
catalog-reset-built-in = `/{ commands-request-name }` с этого момента предлагает встроенные предметы.
catalog-download = Текущий каталог **{ $profession }** ({ $source ->
        [uploaded] загружен
        [file] файл оператора
       *[built-in] встроенный
    }). Отредактируйте его и загрузите снова через `/{ commands-catalog-name } { commands-catalog-upload-name }`.
catalog-log-changed = 📚 <@{ $user }> изменил(а) каталог **{ $profession }**: { $before } → { $after }.
