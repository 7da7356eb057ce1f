-- The home message (panel buttons) kept at the top of a member's DM in DM-mode guilds.
CREATE TABLE dm_homes (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
