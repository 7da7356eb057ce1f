-- Scratch state of one request flow; submitted requests live in durable tables.
-- Times are integer milliseconds since the Unix epoch (UTC); Discord ids are INTEGERs.
CREATE TABLE temp_sessions (
    session_key  TEXT    NOT NULL PRIMARY KEY,
    user_id      INTEGER NOT NULL,
    guild_id     INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    state_json   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0,
    channel_id   INTEGER,
    message_id   INTEGER,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

CREATE INDEX temp_sessions_by_expiry ON temp_sessions (expires_at);
CREATE INDEX temp_sessions_by_user ON temp_sessions (guild_id, user_id);
CREATE INDEX temp_sessions_by_channel ON temp_sessions (channel_id) WHERE channel_id IS NOT NULL;
