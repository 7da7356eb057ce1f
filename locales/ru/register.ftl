# register texts (ru): /register (My characters).

register-header-count = **Мои персонажи** · зарегистрировано: { $count }
register-header-selected = **Мои персонажи** · выбран { $name }
register-header-remove = **Мои персонажи** · Удалить **{ $name }**? { $open ->
        [0] Открытых заявок у него нет.
        [one] Будет отменена { $open } открытая заявка.
        [few] Будут отменены { $open } открытые заявки.
        [many] Будут отменены { $open } открытых заявок.
       *[other] Будут отменены открытые заявки: { $open }.
    }
register-card-title = Персонажи
register-empty = Персонажей пока нет. Сначала добавьте основного.
register-placeholder-manage = Изменить или удалить персонажа…
register-character-main = Основной
register-character-alt = Твинк
register-button-add = Добавить персонажа
register-button-edit = Изменить
register-button-remove = Удалить
register-button-keep = Оставить
register-button-back = Назад

## The character form (title and labels at most 45 characters)
register-modal-add = Регистрация персонажа
register-modal-edit = Изменение персонажа
register-input-name = Имя персонажа
register-input-kind = main (основной) или alt (твинк)
register-input-professions = Профессии (через запятую)

## Refusals
register-refusal-gone = Этого персонажа больше нет.
register-refusal-taken = У вас уже есть персонаж с именем { $name }.
register-refusal-kind = Введите `main` или `alt`, а не { $typed }.
register-refusal-profession = { $typed } — здесь нет такой профессии. Известные: { $known }.
