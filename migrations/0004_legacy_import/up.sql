-- Rows imported from the Profession-Request bot (`craftdesk import-legacy`): which legacy
-- row (kind: character, request, action_log) became which craftdesk row, per guild, so
-- that running the import again imports nothing twice.
CREATE TABLE legacy_imports (
    guild_id    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    legacy_id   INTEGER NOT NULL,
    new_id      INTEGER NOT NULL,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind, legacy_id)
) WITHOUT ROWID;
