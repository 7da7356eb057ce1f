-- Each member's last known language (the `locale` of their latest interaction, a Discord
-- code craftdesk ships): their DMs and expired flow messages read it.
CREATE TABLE member_locales (
    user_id    INTEGER PRIMARY KEY,
    locale     TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
