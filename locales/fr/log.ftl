# The log channel's lines (the guild's language). $item and $character are the guild's
# names, as they are.

# A crafter's or officer's change. $progress is log-progress or empty, $note is
# log-note or empty.
log-request-changed = La demande #{ $number } ({ $item } ×{ $quantity }) a été { $action ->
    [claimed] prise en charge
    [started] commencée
    [completed] terminée
    [partly-completed] terminée en partie
    [released] libérée
    [denied] refusée
    [cancelled] annulée
    [reopened] rouverte
   *[reassigned] réattribuée
} par <@{ $actor }>{ $progress }{ $note }.
log-progress = {" "}({ $done } sur { $quantity } faits)
log-note = {" "}: { $note }
log-submitted = La demande #{ $number } ({ $item } ×{ $quantity }) a été créée par <@{ $member }> pour { $character }.
log-cancelled-by-member = La demande #{ $number } ({ $item } ×{ $quantity }) a été annulée par <@{ $member }>{ $note }.
log-handover = Demande #{ $number } ({ $item } ×{ $quantity }) : <@{ $crafter }> a enregistré les matériaux remis : { $summary }.
