# The log channel's lines (the guild's language). $item and $character are the guild's
# names, as they are.

# A crafter's or officer's change. $progress is log-progress or empty, $note is
# log-note or empty.
log-request-changed = Заявка #{ $number } ({ $item } ×{ $quantity }): <@{ $actor }> { $action ->
    [claimed] взял(а) её
    [started] начал(а) работу
    [completed] выполнил(а) её
    [partly-completed] выполнил(а) её частично
    [released] вернул(а) её
    [denied] отклонил(а) её
    [cancelled] отменил(а) её
    [reopened] снова открыл(а) её
   *[reassigned] переназначил(а) её
}{ $progress }{ $note }.
log-progress = {" "}(готово { $done } из { $quantity })
log-note = : { $note }
log-submitted = Заявка #{ $number } ({ $item } ×{ $quantity }) создана <@{ $member }> для { $character }.
log-cancelled-by-member = Заявка #{ $number } ({ $item } ×{ $quantity }) отменена <@{ $member }>{ $note }.
log-handover = Заявка #{ $number } ({ $item } ×{ $quantity }): <@{ $crafter }> записал(а) переданные материалы: { $summary }.
