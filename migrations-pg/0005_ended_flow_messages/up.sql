-- PostgreSQL twin of migrations/0005_ended_flow_messages.
CREATE TABLE ended_flow_messages (
    message_id BIGINT PRIMARY KEY,
    channel_id BIGINT NOT NULL,
    ended_at   BIGINT NOT NULL
);
CREATE INDEX ended_flow_messages_by_time ON ended_flow_messages (ended_at);
