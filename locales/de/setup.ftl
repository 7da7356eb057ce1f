# /setup: what a guild's admins read while setting craftdesk up (src/flow/setup,
# src/discord/setup.rs). The screens follow the admin's language; the log channel's post of
# a change follows the guild's.

## The pages

setup-title = craftdesk-Einrichtung · { $page } ({ $number }/{ $pages })
setup-page-channels = Kanäle
setup-page-roles = Log und Rollen
setup-page-crafters = Handwerker
setup-page-options = Benachrichtigungen und Limits
setup-help-channels = **Anfragekategorie**: Dort wird der private Anfragekanal jedes Mitglieds angelegt (Kanalmodus). **Überlauf**: wird genutzt, wenn sie voll ist (50 Kanäle). **Panel**: Dort wird der Button „Anfrage erstellen“ gepostet und angeheftet; ein Wechsel verschiebt das Panel. **Board**: Dort werden offene Anfragen für Handwerker gepostet.
setup-help-roles = **Log**: Jede Änderung an Anfragen und Einstellungen wird dort gepostet. **Offiziere** verwalten alle Anfragen und den Katalog. **Kernmitglieder** dürfen von der Gilde hergestellte Materialien anfragen. **Registrierungsrolle**: wer Anfragen stellen darf (keine: alle).
setup-help-crafters = Wähle einen Beruf, dann die Rolle seiner Handwerker: Ab dem nächsten Klick sehen und übernehmen sie seine Anfragen.
setup-help-options = Lege fest, worüber Mitglieder per DM informiert werden, und setze die Anfragelimits.
setup-still-to-do = **Noch zu tun:**
setup-problem-no-category = Der Kanalmodus braucht eine Anfragekategorie.
setup-problem-no-panel = Kein Panel-Kanal: Mitglieder können trotzdem `/{ commands-request-name }` nutzen.
setup-problem-no-board = Kein Board-Kanal: Handwerker finden Arbeit mit `/{ commands-requests-name }`.
setup-applies-next-click = Jede Änderung gilt ab dem nächsten Klick und wird im Log-Kanal gepostet.
setup-file-managed = Dieser Server wird über die Konfigurationsdatei des Bots verwaltet (eine `[[guild]]`-Tabelle): Seine Einstellungen werden hier nur angezeigt. Bitte den Betreiber des Bots, sie dort zu ändern.
setup-file-managed-title = craftdesk-Einstellungen (aus der Datei)

## The current settings (the card's fields)

setup-field-mode = Modus
setup-field-categories = Anfragekategorie · Überlauf
setup-field-channels = Panel · Board · Log
setup-field-roles = Offiziers- · Kern- · Registrierungsrollen
setup-field-crafters = Handwerkerrollen
setup-field-notifications = Benachrichtigungen
setup-field-limits = Limits
setup-field-language = Sprache geteilter Nachrichten

## Values

setup-none = keine
setup-on = an
setup-off = aus
setup-mode-channel = Kanal (ein privater Kanal pro Mitglied)
setup-mode-dm = DM (Abläufe laufen in Direktnachrichten)
setup-limits-value = { $max_open } offene Anfragen pro Mitglied, { $burst } Einreichungen auf einmal, dann { $per_minute } pro Minute
setup-language-discord-short = Serversprache von Discord
setup-language-discord = Serversprache von Discord (jetzt: { $language })
setup-profession-role = Rolle { $role }
setup-notify-claim = Übernahme
setup-notify-start = Start
setup-notify-complete = Fertig
setup-notify-release = Freigabe
setup-notify-deny = Ablehnung
setup-notify-cancel = Abbruch
setup-notify-reassign = Neuzuweisung

## Menus and buttons (placeholders at most 150 characters, labels at most 80)

setup-pick-category = Anfragekategorie
setup-pick-overflow = Überlauf-Kategorien (keine zum Leeren)
setup-pick-panel = Panel-Kanal (keiner zum Leeren)
setup-pick-board = Board-Kanal (keiner zum Leeren)
setup-pick-log = Log-Kanal (keiner zum Leeren)
setup-pick-officers = Offiziersrollen (keine zum Leeren)
setup-pick-core = Kernrollen (keine zum Leeren)
setup-pick-register = Registrierungsrolle (keine: alle)
setup-pick-profession = Wähle einen Beruf
setup-profession = Beruf: { $profession }
setup-pick-crafter = Handwerkerrolle für { $profession } (keine zum Leeren)
setup-pick-language = Sprache geteilter Nachrichten
setup-switch-to-dm = Zum DM-Modus wechseln
setup-switch-to-channel = Zum Kanalmodus wechseln
setup-create = Für mich erstellen
setup-back = ◀ Zurück
setup-next = Weiter ▶
setup-done = Fertig
setup-notify-button = { $name }: { $state }
setup-limits-button = Limits…

## The limits form (title and labels at most 45 characters)

setup-limits-title = Limits
setup-limit-label = { $limit ->
    [max-open] Offene Anfragen pro Mitglied
    [burst] Einreichungen auf einmal
   *[per-minute] Einreichungen pro Minute
}

## What changed (the admin's notice, the log channel's post, the audit)

setup-setting-mode = Modus
setup-setting-request-category = Anfragekategorie
setup-setting-overflow = Überlauf-Kategorien
setup-setting-panel = Panel-Kanal
setup-setting-board = Board-Kanal
setup-setting-log = Log-Kanal
setup-setting-officers = Offiziersrollen
setup-setting-core = Kernrollen
setup-setting-register = Registrierungsrolle
setup-setting-crafter = Handwerkerrolle für { $profession }
setup-setting-notify = Benachrichtigung bei { $name }
setup-setting-limits = Limits
setup-setting-language = Sprache geteilter Nachrichten
setup-unchanged = Nichts geändert: Das ist bereits die Einstellung.
setup-saved = ✅ Gespeichert. Ab dem nächsten Klick:
setup-saved-line = • **{ $setting }**: { $before } → { $after }
setup-log-changed = ⚙️ <@{ $user }> hat die Einstellungen geändert:
setup-log-line = • { $setting }: { $before } → { $after }
setup-closed = Einrichtung geschlossen. Führe jederzeit `/{ commands-setup-name }` aus, um die Einstellungen zu sehen oder zu ändern.

## Refusals

setup-needs-manage-server = Nur Mitglieder mit der Berechtigung **Server verwalten** können die Einstellungen von craftdesk ändern, daher hat sich nichts geändert. Bitte einen Server-Admin, `/{ commands-setup-name }` auszuführen oder dir diese Berechtigung zu geben.
setup-conflict = Ein anderer Admin hat die Einstellungen geändert, während du sie angesehen hast, daher wurde nichts von dir gespeichert. Die Einrichtung zeigt jetzt seine Einstellungen: Nimm deine Änderung erneut vor, wenn du sie noch willst.
setup-refusal-unchanged = { $reason } Nichts hat sich geändert.
setup-refusal-mode-needs-category = Im Kanalmodus wird der private Kanal jedes Mitglieds in der Anfragekategorie angelegt: Wähle zuerst eine Anfragekategorie (oder drück **Für mich erstellen**).
setup-refusal-category-is-overflow = Diese Kategorie ist bereits eine Überlauf-Kategorie: Wähle eine andere oder nimm sie zuerst aus der Überlaufliste.
setup-refusal-overflow-is-category = Die Anfragekategorie selbst kann keine Überlauf-Kategorie sein: Wähle andere Kategorien.
setup-refusal-limit-zero = Jedes Limit muss mindestens 1 sein.
setup-refusal-limit-not-number = { $limit ->
    [max-open] Offene Anfragen pro Mitglied
    [burst] Einreichungen auf einmal
   *[per-minute] Einreichungen pro Minute
} muss eine ganze Zahl sein, erhalten: { $value }.
setup-refusal-limit-range = { $limit ->
    [max-open] Offene Anfragen pro Mitglied
    [burst] Einreichungen auf einmal
   *[per-minute] Einreichungen pro Minute
} muss zwischen { $min } und { $max } liegen, erhalten: { $value }.
setup-refusal-unknown-profession = Dieser Beruf ist nicht im Katalog, daher hat sich nichts geändert. Wähle einen aus dem Menü.
setup-refusal-unknown-language = craftdesk hat diese Sprache nicht, daher hat sich nichts geändert. Wähle eine aus dem Menü.
setup-refusal-not-a-category = Das ist keine Kategorie, daher hat sich nichts geändert. Wähle eine Kategorie (eine Kanalgruppe): Darin werden die Anfragekanäle angelegt.
setup-refusal-not-text = Das ist kein Textkanal, daher hat sich nichts geändert. Wähle dafür einen Textkanal.
setup-refusal-channel-gone = Diesen Kanal gibt es nicht mehr (gelöscht, seit das Menü angezeigt wurde), daher hat sich nichts geändert. Wähle einen anderen.
setup-refusal-role-gone = Diese Rolle gibt es nicht mehr (gelöscht, seit das Menü angezeigt wurde), daher hat sich nichts geändert. Wähle eine andere.
setup-refusal-everyone = @everyone kann hier nicht gewählt werden, daher hat sich nichts geändert: Wähle eine Rolle, die Mitglieder bekommen.
setup-refusal-profession-first = Wähle zuerst einen Beruf; es hat sich nichts geändert.
setup-refusal-grant = Ich kann <#{ $channel }> noch nicht nutzen, daher hat sich nichts geändert: Gib craftdesk dort **{ $permissions }** (Kanal bearbeiten → Berechtigungen → Rolle von craftdesk hinzufügen) und wähle ihn dann erneut.
setup-permission = { $permission ->
    [view-channel] Kanal ansehen
    [send-messages] Nachrichten senden
    [embed-links] Links einbetten
    [read-message-history] Nachrichtenverlauf anzeigen
    [manage-channels] Kanäle verwalten
   *[manage-permissions] Berechtigungen verwalten
}
setup-refusal-grant-channels = Ich konnte die Kanäle nicht erstellen, weil mir Berechtigungen fehlen, daher hat sich nichts geändert. Gib der Rolle von craftdesk **Kanäle verwalten** und **Rollen verwalten** (Servereinstellungen → Rollen → craftdesk) und drück dann erneut **Für mich erstellen**.
setup-refusal-create-failed = Discord hat mich die Kanäle nicht erstellen lassen, daher hat sich nichts geändert. Versuch es gleich noch einmal. { $error }

## The channels "Create them for me" makes (Discord channel names: lowercase, no spaces)

setup-channel-category = Anfragen
setup-channel-panel = anfragen
setup-channel-board = anfragen-board
setup-channel-log = anfragen-log
