-- PostgreSQL twin of migrations/0001_sessions: the same tables, columns and indexes.
-- Scratch state of one request flow; submitted requests live in durable tables.
-- Times are BIGINT milliseconds since the Unix epoch (UTC); Discord ids are BIGINTs.
CREATE TABLE temp_sessions (
    session_key  TEXT   NOT NULL PRIMARY KEY,
    user_id      BIGINT NOT NULL,
    guild_id     BIGINT NOT NULL,
    kind         TEXT   NOT NULL,
    state_json   TEXT   NOT NULL,
    version      BIGINT NOT NULL DEFAULT 0,
    channel_id   BIGINT,
    message_id   BIGINT,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE INDEX temp_sessions_by_expiry ON temp_sessions (expires_at);
CREATE INDEX temp_sessions_by_user ON temp_sessions (guild_id, user_id);
CREATE INDEX temp_sessions_by_channel ON temp_sessions (channel_id) WHERE channel_id IS NOT NULL;
