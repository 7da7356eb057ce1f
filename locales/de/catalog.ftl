# /catalog: officers upload, download and reset a profession's catalog (src/flow/catalog.rs,
# src/discord/catalog.rs). Answers follow the officer's language; the log channel's post
# follows the guild's. What quotes the admin's file (names, the loader's problems) is data.

catalog-refusal-not-allowed = Nur Offiziere (die mit `/{ commands-setup-name }` festgelegte Offiziersrolle) oder Mitglieder mit der Berechtigung **Server verwalten** können den Katalog ändern, daher hat sich nichts geändert. `/{ commands-catalog-name } { commands-catalog-download-name }` zeigt allen den aktuellen.
catalog-refusal-file-managed = Der Katalog dieses Servers ist die Datei des Betreibers (seine `[[guild]]`-Tabelle in config.toml), daher kann er nicht über Discord geändert werden und nichts hat sich geändert. Bitte den Betreiber des Bots, die Katalogdateien zu bearbeiten; `/{ commands-catalog-name } { commands-catalog-download-name }` zeigt den aktuellen.
catalog-refusal-bad-profession = { $name } ist kein Berufsname: nutze Kleinbuchstaben, Ziffern, `-` oder `_` (höchstens 32), z. B. `enchanting`. Nichts hat sich geändert.
catalog-refusal-too-big = `{ $file }` ist { $size } KiB groß; eine Katalogdatei darf höchstens { $max } KiB groß sein. Nichts hat sich geändert.
catalog-refusal-empty = Diese Datei ist leer. Hänge das Katalog-JSON des Berufs an. Nichts hat sich geändert.
catalog-refusal-not-json = `{ $file }` ist { $kind }, keine JSON-Datei. Hänge das Katalog-JSON des Berufs an (z. B. `enchanting.json`). Nichts hat sich geändert.
catalog-refusal-larger = Diese Datei ist größer als { $max } KiB, das Maximum für eine Katalogdatei. Nichts hat sich geändert.
catalog-refusal-not-utf8 = Diese Datei ist kein UTF-8-Text. Speichere den Katalog als UTF-8-JSON und lade ihn erneut hoch. Nichts hat sich geändert.
catalog-refusal-no-file = Hänge die Katalog-JSON-Datei des Berufs an (die Option `file`). Nichts hat sich geändert.
catalog-refusal-download-failed = Ich konnte diese Datei nicht von Discord herunterladen. Nichts hat sich geändert; bitte lade sie erneut hoch.
catalog-refusal-never-uploaded = Der Katalog **{ $profession }** wurde hier nie hochgeladen: Er ist bereits der eingebaute, daher hat sich nichts geändert.
catalog-refusal-unknown = Hier gibt es keinen Katalog **{ $profession }**. Die Berufe sind: { $professions }.

catalog-problems-head = { $count ->
    [one] ❌ Der Katalog wurde nicht geändert: Die Datei hat { $count } Problem.
   *[other] ❌ Der Katalog wurde nicht geändert: Die Datei hat { $count } Probleme.
}
catalog-problems-more = …und { $count } weitere.
catalog-problems-foot = Behebe sie und lade die Datei erneut hoch (`/{ commands-catalog-name } { commands-catalog-download-name }` liefert den aktuellen als Ausgangspunkt).

catalog-served-uploaded-items = { $count ->
    [one] hochgeladen ({ $count } Gegenstand)
   *[other] hochgeladen ({ $count } Gegenstände)
}
catalog-served-uploaded = hochgeladen
catalog-served-built-in = eingebaut
catalog-served-none = keiner

catalog-uploaded = ✅ Der Katalog **{ $profession }** hat jetzt { $items } { $items ->
        [one] Gegenstand
       *[other] Gegenstände
    } ({ $before } → { $after }). `/{ commands-request-name }` bietet sie ab sofort an; `/{ commands-catalog-name } { commands-catalog-reset-name } { commands-catalog-profession-name }:{ $profession }` kehrt zum eingebauten zurück.
catalog-reset = ✅ Der Katalog **{ $profession }** ist zurückgesetzt ({ $before } → { $after }). { $served }
catalog-reset-gone = Es gibt keinen eingebauten Katalog **{ $profession }**, daher ist der Beruf aus `/{ commands-request-name }` verschwunden.
catalog-reset-built-in = `/{ commands-request-name }` bietet ab sofort die eingebauten Gegenstände an.
catalog-download = Der aktuelle Katalog **{ $profession }** ({ $source ->
        [uploaded] hochgeladen
        [file] die Datei des Betreibers
       *[built-in] eingebaut
    }). Bearbeite ihn und lade ihn mit `/{ commands-catalog-name } { commands-catalog-upload-name }` wieder hoch.
catalog-log-changed = 📚 <@{ $user }> hat den Katalog **{ $profession }** geändert: { $before } → { $after }.
