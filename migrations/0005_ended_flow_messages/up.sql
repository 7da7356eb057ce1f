-- Flow messages of ended flows in DMs, tracked by id so the cleanup task deletes exactly
-- these (never the home message or notifications) once they have been shown for a while.
CREATE TABLE ended_flow_messages (
    message_id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL,
    ended_at   INTEGER NOT NULL
);
CREATE INDEX ended_flow_messages_by_time ON ended_flow_messages (ended_at);
