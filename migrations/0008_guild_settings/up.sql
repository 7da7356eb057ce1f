-- Each guild's settings as set in Discord with /setup (a guild with a [[guild]] table in
-- the file is managed there instead): the settings as JSON, a version for compare-and-swap
-- (two admins saving at once: one wins, the other is told), and who changed them last.
CREATE TABLE guild_settings (
    guild_id      INTEGER PRIMARY KEY,
    settings_json TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    INTEGER NOT NULL
);

-- Every change to a guild's settings: who, when, which setting, before and after.
CREATE TABLE guild_settings_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    changed_at   INTEGER NOT NULL,
    setting      TEXT    NOT NULL,
    before_value TEXT    NOT NULL,
    after_value  TEXT    NOT NULL
);
CREATE INDEX guild_settings_changes_by_guild ON guild_settings_changes (guild_id, id);

-- A profession's catalog uploaded by a guild's officers (JSON, validated before it is
-- stored); without one the built-in catalog serves.
CREATE TABLE guild_catalogs (
    guild_id     INTEGER NOT NULL,
    profession   TEXT    NOT NULL,
    catalog_json TEXT    NOT NULL,
    uploaded_at  INTEGER NOT NULL,
    uploaded_by  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, profession)
);
