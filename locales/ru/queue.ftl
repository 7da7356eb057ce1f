# `/requests` (Manage requests): the crafters' and officers' queue, in the viewer's
# language.

## Tabs and paging (buttons: at most 80 characters)
queue-tab-open = Открытые
queue-tab-mine = Взятые мной
queue-tab-all = Все ожидающие
queue-tab-work = Моя работа
queue-tab-overview = Обзор
queue-tab-audit = Журнал
queue-previous = ◀ Назад
queue-next = Далее ▶

## The lists
queue-age-minutes = { $n } мин
queue-age-hours = { $n } ч
queue-age-days = { $n } дн.
queue-list-line = { $icon } **#{ $number }** { $item } ×{ $quantity } { $materials } · { $character } · { $age } назад{ $crafter }
queue-list-empty = Здесь пока ничего нет.
queue-list-title = Заявки
queue-list-heading = **Заявки** · { $count } для: { $scope } · страница { $page } из { $pages }
queue-scope-all = все ваши профессии
queue-all-my-professions = Все мои профессии
queue-unassigned = { $count } без мастера
queue-profession-placeholder = Профессия…
queue-claim-placeholder = Взять заявки…
queue-find-button = Найти заявку #…

## My work
queue-work-heading = **Моя работа** · взято: { $count }
queue-work-title = Мои взятые заявки
queue-work-line = { $icon } **#{ $number }** { $item } ×{ $quantity } (готово { $done }) { $materials } · { $character }
queue-work-empty = У вас нет взятых заявок. Возьмите их на вкладке «Открытые».
queue-work-shopping-list = Список покупок (вся моя работа)
queue-work-nothing-to-gather = Собирать нечего.
queue-work-to-collect = 📥 Ещё получить от заказчиков
queue-work-for = Для { $character }
queue-work-recently-cancelled = Недавно отменённые
queue-release-placeholder = Вернуть заявки…
queue-finish-placeholder = Выполнить всё для персонажа…
queue-finish-option = полностью выполняет { $count ->
    [one] { $count } заявку
    [few] { $count } заявки
   *[many] { $count } заявок
}
queue-finish-none-left = У вас больше нет взятых заявок для { $character }.

## Overview (officers)
queue-overview-heading = **Обзор** · ожидающие заявки
queue-overview-title = Обзор
queue-overview-by-profession = По профессиям
queue-overview-by-crafter = По мастерам
queue-overview-profession = **{ $profession }**: 🟡 открыто { $open } · 🔵 взято { $claimed } · 🛠️ в работе { $progress }
queue-overview-nothing-pending = Ничего не ожидает.
queue-overview-nobody = Никто ничего не взял.

## Audit log (officers)
queue-audit-heading = **Журнал** · { $count ->
    [one] { $count } событие
    [few] { $count } события
   *[many] { $count } событий
} · страница { $page } из { $pages }
queue-audit-heading-search = **Журнал** · персонажи с «{ $search }» · { $count ->
    [one] { $count } событие
    [few] { $count } события
   *[many] { $count } событий
} · страница { $page } из { $pages }
queue-audit-title = Журнал (сначала новые)
queue-audit-line = { $at } **#{ $number }** { $item } ({ $character }) — { $event }: <@{ $actor }>{ $note }
queue-audit-empty = Пока ничего не произошло.
queue-audit-no-match = Нет событий для этого имени персонажа.
queue-audit-search = Найти персонажа…
queue-audit-change-search = Изменить поиск…
queue-event = { $event ->
    [created] создана
    [claimed] взята
    [started] начата
    [released] возвращена
    [completed] выполнена
    [partially_completed] выполнена частично
    [denied] отклонена
    [cancelled] отменена
    [reopened] открыта снова
    [reassigned] переназначена
    [materials_received] материалы получены
   *[other] { $other }
}

## Forms (titles and labels at most 45 characters)
queue-search-title = Поиск по журналу
queue-search-label = Имя персонажа (или его часть)
queue-search-placeholder = Имя персонажа, или пусто для всех
queue-find-title = Найти заявку
queue-find-label = Номер заявки
queue-find-placeholder = например, 42

## A request looked up
queue-lookup-heading = **Заявка #{ $number }** · найдена
queue-history-title = История (сначала новые)
queue-history-line = • { $event }: <@{ $actor }>, { $minutes } мин назад{ $note }
queue-history-empty = Событий нет.
queue-back-to-list = Назад к списку

## What happened to each request picked in a menu
queue-outcome-done = #{ $number }: { $event } ✅
queue-outcome-missing = #{ $number }: такой заявки нет
queue-outcome-refused = #{ $number }: { $reason }
queue-outcome-conflict = #{ $number }: тем временем изменилась; посмотрите ещё раз
queue-outcome-failed = #{ $number }: не удалось, попробуйте ещё раз

## Refusals
queue-refusal-not-a-crafter = Заявками управляют только мастера и офицеры. Свои заявки отслеживайте через `/{ commands-status-name }`.
queue-refusal-no-longer-crafter = Вы здесь больше не мастер и не офицер.
queue-refusal-only-officers-overview = Обзор видят только офицеры.
queue-refusal-only-officers-audit = Журнал видят только офицеры.
queue-refusal-pick-requests = Выберите от 1 до 25 заявок.
queue-refusal-pick-one-profession = Выберите одну профессию.
queue-refusal-pick-one-character = Выберите одного персонажа.
queue-refusal-not-your-profession = Вы не владеете этой профессией.
queue-refusal-search-too-long = Ищите не более { $max } символов имени.
queue-refusal-request-number = Введите номер заявки, например 42.
