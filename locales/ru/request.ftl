# request texts (ru): the /request flow, its receipt, and what a member types in it.

## The flow's message
request-header = **Новая заявка** · шаг { $number } из { $steps } · { $question }
request-step-character = Для кого эта заявка?
request-step-profession = Какая профессия?
request-step-slot = Какой слот снаряжения?
request-step-item = Какой предмет?
request-step-quantity = Сколько штук и есть ли пожелания для мастера?
request-step-materials = Кто предоставляет материалы?
request-step-confirm = Проверьте заявку и подтвердите её.
request-no-characters = У вас пока нет зарегистрированных персонажей. Зарегистрируйте персонажа (он запомнится на будущее) или введите имя только для этой заявки.
request-page = Страница { $page } из { $pages }: листайте кнопками ◀ ▶.
request-amounts-hint = Укажите, сколько каждого материала вы принесёте (нажмите каждую кнопку; 0 — ничего).

## Buttons and menus (button labels at most 80 characters, placeholders 150)
request-button-quantity = Указать количество и заметки
request-button-confirm = Подтвердить
request-button-edit = Изменить
request-button-back = Назад
request-button-cancel = Отменить
request-button-register = Зарегистрировать персонажа
request-button-type-name = Ввести имя
request-button-another-name = Другое имя
request-button-previous = ◀ Предыдущая
request-button-next = Следующая ▶
request-button-provide-all = 📦 Я принесу всё
request-button-provide-some = 🔶 Я принесу часть
request-button-provide-none = ❔ Я ничего не принесу
request-button-guild-craft = 🛡️ Заказ гильдии
request-button-amounts = Материалы { $from }–{ $to }
request-character-main = Основной
request-character-alt = Твинк
request-placeholder-character = Выберите персонажа
request-placeholder-profession = Выберите профессию
request-placeholder-slot = Выберите слот снаряжения
request-placeholder-item = Выберите предмет
request-option-items = { $count ->
    [one] { $count } предмет
    [few] { $count } предмета
    [many] { $count } предметов
   *[other] { $count } предмета
}

## Forms (titles and labels at most 45 characters)
request-modal-character = Персонаж для этой заявки
request-modal-register = Регистрация персонажа
request-modal-quantity = Количество и заметки
request-modal-amounts = Ваши материалы
request-input-name = Имя персонажа
request-input-name-placeholder = например, Thrallina
request-input-quantity = Количество (1–{ $max })
request-input-quantity-placeholder = от 1 до { $max }
request-input-notes = Заметки
request-input-notes-placeholder = Что нужно знать мастеру (необязательно)
request-input-amount = { $material } (нужно { $needed })
request-input-amount-placeholder = от 0 до { $needed }

## The summary card
request-card-title = Ваша заявка
request-field-character = Персонаж
request-field-item = Предмет
request-field-quantity = Количество
request-field-notes = Заметки
request-field-materials = Материалы
request-field-provided-by = Кто предоставляет
request-material-line = • { $material } — { $per_unit } × { $quantity } = **{ $needed }**
request-material-shares = (вы: { $member }, гильдия: { $guild }, ещё нужно: { $missing })

## Who provides the materials
request-plan-all = 📦 Вы предоставляете все материалы
request-plan-some = 🔶 Вы предоставляете часть материалов
request-plan-none = ❔ Вы не предоставляете материалы
request-plan-guild = 🛡️ Заказ гильдии: материалы предоставляет гильдия

## The end of the flow
request-cancelled = Заявка отменена. Ничего не отправлено. Чтобы начать заново, используйте `/{ commands-request-name }`.
request-submitting = Отправка…
request-receipt = ✅ **Заявка №{ $number } отправлена.** Следите за ней через `/{ commands-status-name }`.
request-receipt-on-board =
    ✅ **Заявка №{ $number } отправлена.** Она на доске: { $link }
    Следите за ней через `/{ commands-status-name }`.
request-receipt-title = Заявка №{ $number }
request-receipt-guild-provides = Гильдия предоставляет
request-receipt-everything = Всё перечисленное
request-receipt-providing = Вы предоставляете
request-receipt-still-needed = Ещё нужно
request-receipt-nothing = Ничего

## Opening the flow (the answer to /request)
request-opening-channel = Открываю ваш канал заявок… Ссылка появится здесь через мгновение.
request-opening-dm = Отправляю вам личное сообщение… заявка продолжится там через мгновение.
request-waiting-in = Ваша заявка ждёт в <#{ $channel }>.
request-waiting-dm = Я отправил вам ЛС: заявка продолжается там.

## Refusals
request-refusal-unknown-item = Такой предмет мне неизвестен. Выберите один из подсказок или оставьте `item` пустым, чтобы посмотреть список.
request-refusal-character-gone = Этот персонаж больше не зарегистрирован. Выберите другого.
request-refusal-profession-gone = Эта профессия больше не предлагается. Выберите другую.
request-refusal-slot-gone = Этот слот снаряжения больше не предлагается. Выберите другой.
request-refusal-item-gone = Этого предмета больше нет в каталоге. Выберите другой.
request-refusal-character-taken = У вас уже есть персонаж с именем { $name }. Выберите его в меню.
request-refusal-guild-craft = Заказы гильдии доступны только участникам с основной ролью гильдии.
request-refusal-pick-one = Выберите ровно один вариант.

## What a member types (flow::input), checked
request-invalid-quantity-number = Количество должно быть целым числом от 1 до { $max }.
request-invalid-quantity-range = Количество должно быть от 1 до { $max }.
request-invalid-name-length = Имя персонажа должно быть длиной от { $min } до { $max } символов.
request-invalid-name-chars = Имя персонажа не может содержать `:` или управляющие символы.
request-invalid-notes-length = Заметки — не более { $max } символов (у вас { $count }). Сократите их и попробуйте снова.
request-invalid-amount = Для «{ $material }» введите целое число от 0 до { $needed }.

## The member's request channel (its topic is in the guild's language)
request-channel-topic = Личный канал заявок <@{ $user }>. Используйте /{ commands-request-name }, чтобы создать заявку.
