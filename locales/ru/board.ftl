# The board: a request's post (the guild's language), what crafters and officers are
# answered when they act on it, and its forms (the clicker's language).

## The post
board-title = Заявка #{ $number }
board-field-item = Предмет
board-field-for = Для
board-field-profession = Профессия
board-field-status = Статус
board-field-materials = Материалы
board-field-needs = Нужно
board-field-notes = Заметки
board-field-crafter = Мастер
board-field-done = Готово
board-field-reason = Причина
board-done = { $done } из { $quantity }
board-needs-line = • { $material } ×{ $needed } (участник приносит { $brings }, ещё нужно { $still })
board-needs-line-handed = • { $material } ×{ $needed } (участник приносит { $brings }, передано { $handed }, ещё нужно { $still })
board-plan = { $plan ->
    [member-all] 📦 Участник приносит все материалы
    [member-some] 🔶 Участник приносит часть материалов
    [member-none] ❔ Участник не приносит материалов
   *[guild-craft] 🛡️ Заказ гильдии: материалы предоставляет гильдия
}
board-button-claim = Взять
board-button-deny = Отклонить
board-button-cancel = Отменить
board-button-assign = Назначить…
board-button-start = Начать
board-button-complete = Выполнить
board-button-release = Вернуть
board-button-reassign = Переназначить…
board-button-reopen = Открыть снова
board-button-handover = Материалы получены…

## Answers to a click
board-answer-done = Готово.
board-answer-now-with = Заявка #{ $number } теперь у <@{ $crafter }>.
board-answer-now = Заявка #{ $number } теперь { $status ->
    [open] открыта
    [claimed] взята
    [in_progress] в работе
    [completed] выполнена
    [denied] отклонена
   *[cancelled] отменена
}.
board-picker = Кто должен выполнить заявку #{ $number } ({ $item } ×{ $quantity })? Выберите мастера профессии { $profession } или офицера.
board-picker-placeholder = Выберите мастера…
board-handover-recorded = Записано для заявки #{ $number }: { $summary }.
board-handover-recorded-left = Записано для заявки #{ $number }: { $summary }. Ещё получить: всего { $left }.

## Forms (titles and labels at most 45 characters)
board-form-complete-title = Выполнить заявку #{ $number }
board-form-quantity = Сколько изготовлено сейчас
board-form-note = Заметка для заказчика (необязательно)
board-form-deny-title = Отклонить заявку #{ $number }
board-form-cancel-title = Отменить заявку #{ $number }
board-form-reason = Причина (её увидит заказчик)
board-handover-form-title = Материалы для заявки #{ $number }
board-handover-form-line = { $material } (из { $brings })

## History notes (stored in English; shown in the log channel's language)
board-note-reopened = все { $quantity } изготовить заново (было готово { $done })
board-note-reassigned-from = от <@{ $from }> к <@{ $to }>
board-note-reassigned = к <@{ $to }>

## Refusals
board-refusal-only-crafters = Это могут только мастера этой профессии и офицеры.
board-refusal-only-officers = Это могут только офицеры.
board-refusal-already-claimed = Уже взята: <@{ $crafter }>.
board-refusal-already-claimed-someone = Уже взята кем-то.
board-refusal-complete-quantity = Введите количество от 1 до { $remaining } (сколько осталось изготовить).
board-refusal-reassign-same = Эта заявка уже у <@{ $crafter }>.
board-refusal-reassign-not-crafter = <@{ $crafter }> не мастер этой профессии (и не офицер); выберите того, кто им является.
board-refusal-claimed-by-other = Эту заявку взял(а) <@{ $crafter }>; это может сделать только он(а) или офицер.
board-refusal-claimed-by-someone = Эту заявку кто-то взял; это может сделать только он(а) или офицер.
board-refusal-status-now = Эта заявка сейчас { $status ->
    [open] открыта
    [claimed] взята
    [in_progress] в работе
    [completed] выполнена
    [denied] отклонена
   *[cancelled] отменена
}; этого сделать нельзя. На доске видно, что можно.
board-refusal-reassign-closed = Эта заявка сейчас { $status ->
    [open] открыта
    [claimed] взята
    [in_progress] в работе
    [completed] выполнена
    [denied] отклонена
   *[cancelled] отменена
}; сначала откройте её снова, чтобы передать кому-то.
board-refusal-handover-amount = { $material }: введите число от 0 до { $max } (сколько приносит заказчик).
board-refusal-handover-closed = Эта заявка сейчас { $status ->
    [open] открыта
    [claimed] взята
    [in_progress] в работе
    [completed] выполнена
    [denied] отклонена
   *[cancelled] отменена
}; передавать нечего.
board-refusal-handover-claimed-by-other = Эту заявку взял(а) <@{ $crafter }>; материалы записывает только он(а) или офицер.
board-refusal-handover-claim-first = Сначала возьмите заявку, затем запишите, что передал заказчик.
board-refusal-handover-nothing = Заказчик не приносит материалов для этой заявки.
board-refusal-handover-changed = Заявка #{ $number } тем временем изменилась (кто-то другой записал материалы, или её закрыли). Нажмите кнопку ещё раз.
board-refusal-note-too-long = Заметка может быть не длиннее { $max } символов.
board-refusal-reason-required = Пожалуйста, укажите причину.
board-refusal-too-late = Поздно: заявку #{ $number } только что взял(а) <@{ $crafter }>.
board-refusal-changed-meanwhile = Заявка #{ $number } тем временем изменилась. Посмотрите на доску ещё раз.
board-refusal-pick-one-member = Выберите одного участника.
board-refusal-picked-a-bot = Боты ничего не изготавливают. Выберите участника.
board-refusal-picked-left = <@{ $member }> больше нет на этом сервере.
