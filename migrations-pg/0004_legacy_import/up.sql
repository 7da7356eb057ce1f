-- PostgreSQL twin of migrations/0004_legacy_import (rows `craftdesk import-legacy` brought
-- into a SQLite database arrive here through `craftdesk migrate-store`).
CREATE TABLE legacy_imports (
    guild_id    BIGINT NOT NULL,
    kind        TEXT   NOT NULL,
    legacy_id   BIGINT NOT NULL,
    new_id      BIGINT NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, kind, legacy_id)
);
