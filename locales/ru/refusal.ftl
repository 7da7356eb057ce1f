# Refusals: what a member is told when craftdesk does not do what they asked
# (src/flow/refusal.rs). One wording per meaning.

refusal-not-yours = Это меню принадлежит другому участнику. Начните своё с `/{ commands-request-name }`.
refusal-not-your-setup = Эта настройка принадлежит другому админу, поэтому ничего не изменилось. Откройте свою командой `/{ commands-setup-name }`.
# The brief's wording for an expired flow.
refusal-expired = Сеанс истёк. Пожалуйста, начните заново.
refusal-already-handled = Это уже сделано (двойной клик?). Используйте последнее сообщение.
refusal-already-submitted = ✅ Заявка #{ $number } уже отправлена. Следите за ней через `/{ commands-status-name }`.
refusal-already-submitted-on-board = ✅ Заявка #{ $number } уже отправлена. Она на доске: <#{ $board }>. Следите за ней через `/{ commands-status-name }`.
# $instead is one of the refusal-instead-* texts.
refusal-stale = Это меню устарело, поэтому ничего не изменилось. { $instead }
refusal-instead-flow = Используйте кнопки последнего сообщения.
refusal-instead-register = Снова выполните `/{ commands-register-name }`.
refusal-instead-status = Снова выполните `/{ commands-status-name }`.
refusal-instead-requests = Снова выполните `/{ commands-requests-name }`.
refusal-instead-my-work = Снова откройте «Моя работа».
refusal-instead-board = Используйте кнопки доски.
refusal-instead-board-form = Нажмите кнопку ещё раз.
refusal-instead-reassign = Снова нажмите «Переназначить».
refusal-instead-setup = Используйте последнее сообщение настройки или снова выполните `/{ commands-setup-name }`.
refusal-needs-member-role = Чтобы создавать заявки, нужна роль участника. Попросите её у офицера.
refusal-not-member = Вы больше не участник этого сервера, поэтому не можете пользоваться его заявками.
refusal-other-guild = Эта кнопка с другого сервера, поэтому ничего не изменилось. Используйте доску или панель этого сервера либо выполните здесь `/{ commands-requests-name }`.
refusal-not-in-server = Используйте это на сервере своей гильдии (в личных сообщениях не работает).
refusal-not-set-up = Этот сервер ещё не настроен для craftdesk. Сначала админ сервера (с правом «Управлять сервером») должен выполнить `/{ commands-setup-name }`; затем попробуйте снова.
refusal-limit-open-flows = У вас уже { $open } { $open ->
        [one] заявка
        [few] заявки
       *[many] заявок
    } в работе (лимит — { $max }). Сначала завершите или отмените одну.
refusal-limit-open-requests = У вас уже { $open } { $open ->
        [one] открытая заявка
        [few] открытые заявки
       *[many] открытых заявок
    } (лимит — { $max }). Подождите, пока часть выполнят, или отмените одну через `/{ commands-status-name }`.
refusal-limit-too-soon = Вы только что отправили несколько заявок. Подождите { $seconds } с и снова нажмите «Подтвердить».
refusal-limit-characters = Можно зарегистрировать не больше { $max } { $max ->
        [one] персонажа
       *[other] персонажей
    }. Удалите одного в «Мои персонажи» (/{ commands-register-name }) и попробуйте снова.
refusal-slow-down = Вы кликаете быстрее, чем я успеваю. Подождите несколько секунд и попробуйте снова.
refusal-discord-busy = Discord сейчас ограничивает, что я могу отправлять. Попробуйте через несколько минут.
refusal-dms-closed = Я не могу отправить вам личное сообщение. Включите *Разрешить личные сообщения от участников сервера* для этого сервера (меню сервера → Настройки конфиденциальности) и попробуйте снова.
refusal-spaces-full = Все каналы заявок сейчас заняты. Попробуйте позже или попросите офицера добавить дополнительную категорию.
refusal-space-busy = Ваш канал заявки ещё создаётся. Попробуйте через мгновение.
refusal-no-request-category = На этом сервере ещё нет категории заявок, поэтому я не могу открыть ваш канал заявки. Попросите админа сервера выбрать её через `/{ commands-setup-name }`.
refusal-not-found = На этом сервере нет заявки #{ $number }.
# The one wording of "the bot failed": nothing changed, nothing was lost.
refusal-try-again = У меня что-то пошло не так. Ничего не изменилось; пожалуйста, попробуйте снова.
refusal-restarting = craftdesk перезапускается, попробуйте через мгновение.
refusal-unknown-command = Я больше не знаю эту команду. Попробуйте `/{ commands-request-name }`, `/{ commands-status-name }`, `/{ commands-register-name }` или `/{ commands-requests-name }`.
refusal-unrecognised = Я не узнаю эту кнопку (возможно, она из старого сообщения). Начните заново с `/{ commands-request-name }`.
