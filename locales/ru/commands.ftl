# The slash commands, their options and choices (src/discord/commands.rs): Discord shows each
# member the ones of their client's language. Names: lowercase, 1–32 letters, digits, `-`
# or `_`, no spaces, unique among their siblings; descriptions 1–100 characters. English
# names are the commands' own (what interactions carry): keep them as they are.

commands-request-name = заявка
commands-request-description = Попросить ремесленников гильдии изготовить предмет
commands-request-item-name = предмет
commands-request-item-description = Сразу перейти к предмету (начните вводить для поиска)
commands-status-name = статус
commands-status-description = Посмотреть и отменить ваши заявки
commands-register-name = персонажи
commands-register-description = Добавить, изменить или удалить ваших персонажей
commands-requests-name = заявки
commands-requests-description = Ремесленники и офицеры: открытые заявки, взятые, ваша работа и список покупок
commands-catalog-name = каталог
commands-catalog-description = Офицеры: загрузить, скачать или сбросить каталог профессии
commands-catalog-upload-name = загрузить
commands-catalog-upload-description = Заменить каталог профессии файлом JSON
commands-catalog-upload-file-name = файл
commands-catalog-upload-file-description = JSON-каталог профессии (не более 256 KiB)
commands-catalog-download-name = скачать
commands-catalog-download-description = Получить текущий каталог профессии файлом JSON
commands-catalog-reset-name = сбросить
commands-catalog-reset-description = Снова использовать встроенный каталог профессии
commands-catalog-profession-name = профессия
commands-catalog-profession-description = Профессия, например enchanting (начните вводить для поиска)
commands-setup-name = настройка
commands-setup-description = Админы: настроить craftdesk для этого сервера (каналы, роли, лимиты)
