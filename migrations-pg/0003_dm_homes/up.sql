-- PostgreSQL twin of migrations/0003_dm_homes.
CREATE TABLE dm_homes (
    guild_id   BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
