# status texts (de): /status (My requests).

status-header-pending = **Meine Anfragen** · { $count } offen
status-header-none = **Meine Anfragen** · Du hast keine offenen Anfragen. Starte eine mit `/{ commands-request-name }`.
status-header-history = **Meine Anfragen** · Verlauf, Seite { $page } von { $pages }
status-card-pending = Offene Anfragen
status-card-history = Erledigt und abgebrochen
status-all-professions = Alle Berufe
status-line-progress = ({ $done }/{ $quantity } fertig)
status-history-empty = Noch keine erledigten oder abgebrochenen Anfragen.
status-button-pending = Offene Anfragen
status-button-history = Verlauf
status-button-newer = ◀ Neuere
status-button-older = Ältere ▶
status-placeholder-cancel = Offene Anfragen abbrechen…

## Refusals
status-refusal-not-yours = Diese Anfrage gehört nicht dir oder existiert nicht mehr.
status-refusal-not-open = Anfrage #{ $number } ist bereits { $status ->
        [claimed] übernommen
        [in_progress] in Arbeit
        [completed] erledigt
        [denied] abgelehnt
        [cancelled] abgebrochen
       *[other] { $status }
    }; nur offene Anfragen lassen sich abbrechen. Frag für den Rest einen Offizier.
status-refusal-pick-one = Wähle mindestens eine Anfrage zum Abbrechen.
