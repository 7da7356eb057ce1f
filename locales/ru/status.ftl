# status texts (ru): /status (My requests).

status-header-pending = **Мои заявки** · в ожидании: { $count }
status-header-none = **Мои заявки** · У вас нет ожидающих заявок. Создайте заявку через `/{ commands-request-name }`.
status-header-history = **Мои заявки** · история, страница { $page } из { $pages }
status-card-pending = Ожидающие заявки
status-card-history = Выполненные и отменённые
status-all-professions = Все профессии
status-line-progress = (готово { $done }/{ $quantity })
status-history-empty = Выполненных или отменённых заявок пока нет.
status-button-pending = Ожидающие заявки
status-button-history = История
status-button-newer = ◀ Новее
status-button-older = Старше ▶
status-placeholder-cancel = Отменить открытые заявки…

## Refusals
status-refusal-not-yours = Эта заявка не ваша или больше не существует.
status-refusal-not-open = Заявка №{ $number } уже { $status ->
        [claimed] взята в работу
        [in_progress] выполняется
        [completed] выполнена
        [denied] отклонена
        [cancelled] отменена
       *[other] { $status }
    }; отменить можно только открытые заявки. С остальным обратитесь к офицеру.
status-refusal-pick-one = Выберите хотя бы одну заявку для отмены.
