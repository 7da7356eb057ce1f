# The panel: pinned in the panel channel (the guild's language) and sent as the DM home
# message (the member's language).
panel-title = Заявки на крафт
panel-description =
    Попросите мастеров гильдии изготовить предмет: нажмите **Создать заявку** и следуйте шагам в своём личном пространстве.
    {"**"}Мои заявки** показывает, что вы заказали, **Мои персонажи** — для кого вы заказываете, а мастера находят свою работу в разделе **Управление заявками**.
# Buttons (at most 80 characters).
panel-button-create = Создать заявку
panel-button-mine = Мои заявки
panel-button-manage = Управление заявками
panel-button-characters = Мои персонажи
