# /setup: what a guild's admins read while setting craftdesk up (src/flow/setup,
# src/discord/setup.rs). The screens follow the admin's language; the log channel's post of
# a change follows the guild's.

## The pages

setup-title = Настройка craftdesk · { $page } ({ $number }/{ $pages })
setup-page-channels = Каналы
setup-page-roles = Журнал и роли
setup-page-crafters = Ремесленники
setup-page-options = Уведомления и лимиты
setup-help-channels = **Категория заявок**: в ней создаётся личный канал заявки каждого участника (режим каналов). **Доп. категории**: используются, когда она заполнена (50 каналов). **Панель**: туда публикуется и закрепляется кнопка «Создать заявку»; при смене панель переезжает. **Доска**: туда публикуются открытые заявки для ремесленников.
setup-help-roles = **Журнал**: туда публикуется каждое изменение заявок и настроек. **Офицеры** управляют всеми заявками и каталогом. **Основные** участники могут заказывать материалы, изготовленные гильдией. **Роль регистрации**: кто может создавать заявки (нет: все).
setup-help-crafters = Выберите профессию, затем роль её ремесленников: со следующего клика они видят и берут её заявки.
setup-help-options = Выберите, о чём участникам сообщать в личных сообщениях, и задайте лимиты заявок.
setup-still-to-do = **Осталось сделать:**
setup-problem-no-category = Режиму каналов нужна категория заявок.
setup-problem-no-panel = Нет канала панели: участники всё равно могут использовать `/{ commands-request-name }`.
setup-problem-no-board = Нет канала доски: ремесленники ищут работу через `/{ commands-requests-name }`.
setup-applies-next-click = Каждое изменение действует со следующего клика и публикуется в канале журнала.
setup-file-managed = Этот сервер управляется файлом конфигурации бота (таблица `[[guild]]`): его настройки здесь только для просмотра. Попросите оператора бота изменить их там.
setup-file-managed-title = Настройки craftdesk (из файла)

## The current settings (the card's fields)

setup-field-mode = Режим
setup-field-categories = Категория заявок · доп. категории
setup-field-channels = Панель · доска · журнал
setup-field-roles = Роли офицеров · основных · регистрации
setup-field-crafters = Роли ремесленников
setup-field-notifications = Уведомления
setup-field-limits = Лимиты
setup-field-language = Язык общих сообщений

## Values

setup-none = нет
setup-on = вкл.
setup-off = выкл.
setup-mode-channel = каналы (личный канал для каждого участника)
setup-mode-dm = ЛС (всё идёт в личных сообщениях)
setup-limits-value = открытых заявок на участника: { $max_open }, отправок подряд: { $burst }, затем { $per_minute } в минуту
setup-language-discord-short = Язык сервера в Discord
setup-language-discord = Язык сервера в Discord (сейчас: { $language })
setup-profession-role = роль { $role }
setup-notify-claim = взятие
setup-notify-start = начало
setup-notify-complete = готово
setup-notify-release = возврат
setup-notify-deny = отказ
setup-notify-cancel = отмена
setup-notify-reassign = передача

## Menus and buttons (placeholders at most 150 characters, labels at most 80)

setup-pick-category = Категория заявок
setup-pick-overflow = Доп. категории (ничего, чтобы очистить)
setup-pick-panel = Канал панели (ничего, чтобы очистить)
setup-pick-board = Канал доски (ничего, чтобы очистить)
setup-pick-log = Канал журнала (ничего, чтобы очистить)
setup-pick-officers = Роли офицеров (ничего, чтобы очистить)
setup-pick-core = Основные роли (ничего, чтобы очистить)
setup-pick-register = Роль регистрации (ничего: все)
setup-pick-profession = Выберите профессию
setup-profession = Профессия: { $profession }
setup-pick-crafter = Роль ремесленников { $profession } (ничего, чтобы очистить)
setup-pick-language = Язык общих сообщений
setup-switch-to-dm = Перейти в режим ЛС
setup-switch-to-channel = Перейти в режим каналов
setup-create = Создать за меня
setup-back = ◀ Назад
setup-next = Далее ▶
setup-done = Готово
setup-notify-button = { $name }: { $state }
setup-limits-button = Лимиты…

## The limits form (title and labels at most 45 characters)

setup-limits-title = Лимиты
setup-limit-label = { $limit ->
    [max-open] Открытых заявок на участника
    [burst] Отправок подряд
   *[per-minute] Отправок в минуту
}

## What changed (the admin's notice, the log channel's post, the audit)

setup-setting-mode = Режим
setup-setting-request-category = Категория заявок
setup-setting-overflow = Доп. категории
setup-setting-panel = Канал панели
setup-setting-board = Канал доски
setup-setting-log = Канал журнала
setup-setting-officers = Роли офицеров
setup-setting-core = Основные роли
setup-setting-register = Роль регистрации
setup-setting-crafter = Роль ремесленников { $profession }
setup-setting-notify = Уведомление: { $name }
setup-setting-limits = Лимиты
setup-setting-language = Язык общих сообщений
setup-unchanged = Ничего не изменилось: это уже текущая настройка.
setup-saved = ✅ Сохранено. Со следующего клика:
setup-saved-line = • **{ $setting }**: { $before } → { $after }
setup-log-changed = ⚙️ <@{ $user }> изменил(а) настройки:
setup-log-line = • { $setting }: { $before } → { $after }
setup-closed = Настройка закрыта. Выполните `/{ commands-setup-name }` в любой момент, чтобы посмотреть или изменить настройки.

## Refusals

setup-needs-manage-server = Менять настройки craftdesk могут только участники с правом **Управлять сервером**, поэтому ничего не изменилось. Попросите админа сервера выполнить `/{ commands-setup-name }` или выдать вам это право.
setup-conflict = Другой админ изменил настройки, пока вы их смотрели, поэтому ваши изменения не сохранены. Теперь настройка показывает его вариант: повторите своё изменение, если оно всё ещё нужно.
setup-refusal-unchanged = { $reason } Ничего не изменилось.
setup-refusal-mode-needs-category = В режиме каналов личный канал каждого участника создаётся в категории заявок: сначала выберите категорию заявок (или нажмите **Создать за меня**).
setup-refusal-category-is-overflow = Эта категория уже дополнительная: выберите другую или сначала уберите её из списка дополнительных.
setup-refusal-overflow-is-category = Сама категория заявок не может быть дополнительной: выберите другие категории.
setup-refusal-limit-zero = Каждый лимит должен быть не меньше 1.
setup-refusal-limit-not-number = { $limit ->
    [max-open] «Открытых заявок на участника»
    [burst] «Отправок подряд»
   *[per-minute] «Отправок в минуту»
} — нужно целое число, получено { $value }.
setup-refusal-limit-range = { $limit ->
    [max-open] «Открытых заявок на участника»
    [burst] «Отправок подряд»
   *[per-minute] «Отправок в минуту»
} — нужно число от { $min } до { $max }, получено { $value }.
setup-refusal-unknown-profession = Этой профессии нет в каталоге, поэтому ничего не изменилось. Выберите профессию из меню.
setup-refusal-unknown-language = В craftdesk нет этого языка, поэтому ничего не изменилось. Выберите язык из меню.
setup-refusal-not-a-category = Это не категория, поэтому ничего не изменилось. Выберите категорию (группу каналов): в ней создаются каналы заявок.
setup-refusal-not-text = Это не текстовый канал, поэтому ничего не изменилось. Выберите текстовый канал.
setup-refusal-channel-gone = Этого канала больше нет (удалён после показа меню), поэтому ничего не изменилось. Выберите другой.
setup-refusal-role-gone = Этой роли больше нет (удалена после показа меню), поэтому ничего не изменилось. Выберите другую.
setup-refusal-everyone = @everyone здесь выбрать нельзя, поэтому ничего не изменилось: выберите роль, которую выдают участникам.
setup-refusal-profession-first = Сначала выберите профессию; ничего не изменилось.
setup-refusal-grant = Я пока не могу использовать <#{ $channel }>, поэтому ничего не изменилось: выдайте craftdesk там **{ $permissions }** (Настроить канал → Права доступа → добавьте роль craftdesk), затем выберите канал снова.
setup-permission = { $permission ->
    [view-channel] Просматривать канал
    [send-messages] Отправлять сообщения
    [embed-links] Встраивать ссылки
    [read-message-history] Читать историю сообщений
    [manage-channels] Управлять каналами
   *[manage-permissions] Управлять правами
}
setup-refusal-grant-channels = Не удалось создать каналы: мне не хватает прав, поэтому ничего не изменилось. Выдайте роли craftdesk **Управлять каналами** и **Управлять ролями** (Настройки сервера → Роли → craftdesk), затем снова нажмите **Создать за меня**.
setup-refusal-create-failed = Discord не дал мне создать каналы, поэтому ничего не изменилось. Попробуйте через мгновение. { $error }

## The channels "Create them for me" makes (Discord channel names: lowercase, no spaces)

setup-channel-category = Заявки
setup-channel-panel = заявки
setup-channel-board = доска-заявок
setup-channel-log = журнал-заявок
