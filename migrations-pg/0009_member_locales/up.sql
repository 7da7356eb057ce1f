-- PostgreSQL twin of migrations/0009_member_locales.
CREATE TABLE member_locales (
    user_id    BIGINT PRIMARY KEY,
    locale     TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
