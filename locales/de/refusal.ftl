# Refusals: what a member is told when craftdesk does not do what they asked
# (src/flow/refusal.rs). One wording per meaning.

refusal-not-yours = Dieses Menü gehört jemand anderem. Starte dein eigenes mit `/{ commands-request-name }`.
refusal-not-your-setup = Diese Einrichtung gehört einem anderen Admin, daher hat sich nichts geändert. Führe `/{ commands-setup-name }` aus, um deine eigene zu öffnen.
# The brief's wording for an expired flow.
refusal-expired = Sitzung abgelaufen. Bitte fang von vorne an.
refusal-already-handled = Das wurde schon erledigt (ein Doppelklick?). Nutze die neueste Nachricht.
refusal-already-submitted = ✅ Anfrage #{ $number } wurde bereits abgeschickt. Verfolge sie mit `/{ commands-status-name }`.
refusal-already-submitted-on-board = ✅ Anfrage #{ $number } wurde bereits abgeschickt. Sie steht auf dem Board: <#{ $board }>. Verfolge sie mit `/{ commands-status-name }`.
# $instead is one of the refusal-instead-* texts.
refusal-stale = Dieses Menü ist veraltet, daher hat sich nichts geändert. { $instead }
refusal-instead-flow = Nutze die Buttons der neuesten Nachricht.
refusal-instead-register = Führe `/{ commands-register-name }` erneut aus.
refusal-instead-status = Führe `/{ commands-status-name }` erneut aus.
refusal-instead-requests = Führe `/{ commands-requests-name }` erneut aus.
refusal-instead-my-work = Öffne „Meine Arbeit“ erneut.
refusal-instead-board = Nutze die Buttons des Boards.
refusal-instead-board-form = Drück den Button noch einmal.
refusal-instead-reassign = Drück erneut auf „Neu zuweisen“.
refusal-instead-setup = Nutze die neueste Einrichtungsnachricht oder führe `/{ commands-setup-name }` erneut aus.
refusal-needs-member-role = Du brauchst die Mitgliederrolle, um Anfragen zu stellen. Frag einen Offizier danach.
refusal-not-member = Du bist kein Mitglied dieses Servers mehr und kannst seine Anfragen daher nicht mehr nutzen.
refusal-other-guild = Dieser Button gehört zu einem anderen Server, daher hat sich nichts geändert. Nutze das Board oder Panel dieses Servers oder führe hier `/{ commands-requests-name }` aus.
refusal-not-in-server = Nutze das auf dem Server deiner Gilde (in DMs funktioniert es nicht).
refusal-not-set-up = Dieser Server ist noch nicht für craftdesk eingerichtet. Ein Server-Admin (jemand mit der Berechtigung „Server verwalten“) muss zuerst `/{ commands-setup-name }` ausführen; versuch es dann erneut.
refusal-limit-open-flows = Du hast bereits { $open } { $open ->
        [one] Anfrage
       *[other] Anfragen
    } in Bearbeitung (das Limit ist { $max }). Schließ zuerst eine ab oder brich sie ab.
refusal-limit-open-requests = Du hast bereits { $open } offene { $open ->
        [one] Anfrage
       *[other] Anfragen
    } (das Limit ist { $max }). Warte, bis einige erledigt sind, oder brich eine mit `/{ commands-status-name }` ab.
refusal-limit-too-soon = Du hast gerade mehrere Anfragen abgeschickt. Warte { $seconds } s und drück dann erneut auf Bestätigen.
refusal-limit-characters = Du kannst höchstens { $max } Charaktere registrieren. Entferne einen unter „Meine Charaktere“ (/{ commands-register-name }) und versuch es dann erneut.
refusal-slow-down = Du klickst schneller, als ich hinterherkomme. Warte ein paar Sekunden und versuch es dann erneut.
refusal-discord-busy = Discord begrenzt gerade, was ich senden darf. Bitte versuch es in ein paar Minuten erneut.
refusal-dms-closed = Ich kann dir keine DMs schicken. Aktiviere *Direktnachrichten von Servermitgliedern erlauben* für diesen Server (Servermenü → Privatsphäre-Einstellungen) und versuch es dann erneut.
refusal-spaces-full = Alle Anfragekanäle sind gerade belegt. Bitte versuch es später erneut oder bitte einen Offizier, eine Überlauf-Kategorie hinzuzufügen.
refusal-space-busy = Dein Anfragekanal wird noch eingerichtet. Bitte versuch es gleich noch einmal.
refusal-no-request-category = Dieser Server hat noch keine Anfragekategorie, daher kann ich deinen Anfragekanal nicht öffnen. Bitte einen Server-Admin, mit `/{ commands-setup-name }` eine auszuwählen.
refusal-not-found = Auf diesem Server gibt es keine Anfrage #{ $number }.
# The one wording of "the bot failed": nothing changed, nothing was lost.
refusal-try-again = Bei mir ist etwas schiefgelaufen. Nichts hat sich geändert; bitte versuch es erneut.
refusal-restarting = craftdesk startet neu, versuch es gleich noch einmal.
refusal-unknown-command = Diesen Befehl kenne ich nicht mehr. Versuch `/{ commands-request-name }`, `/{ commands-status-name }`, `/{ commands-register-name }` oder `/{ commands-requests-name }`.
refusal-unrecognised = Diesen Button erkenne ich nicht (er stammt vielleicht aus einer älteren Nachricht). Fang mit `/{ commands-request-name }` von vorne an.
