-- Durable data: characters, submitted requests and their events, members' request
-- channels, and per-guild state (the panel message, the next request number).

CREATE TABLE characters (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    name_folded TEXT    NOT NULL,
    is_main     INTEGER NOT NULL DEFAULT 0,
    professions TEXT    NOT NULL DEFAULT '[]',
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX characters_unique_name ON characters (guild_id, user_id, name_folded);
CREATE UNIQUE INDEX characters_one_main ON characters (guild_id, user_id) WHERE is_main = 1;

CREATE TABLE guild_state (
    guild_id            INTEGER PRIMARY KEY,
    next_request_number INTEGER NOT NULL DEFAULT 1,
    panel_message_id    INTEGER,
    panel_channel_id    INTEGER
);

CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY,
    guild_id           INTEGER NOT NULL,
    number             INTEGER NOT NULL,
    user_id            INTEGER NOT NULL,
    character_id       INTEGER REFERENCES characters (id) ON DELETE SET NULL,
    character_name     TEXT    NOT NULL,
    profession         TEXT    NOT NULL,
    gear_slot          TEXT    NOT NULL,
    item               TEXT    NOT NULL,
    quantity           INTEGER NOT NULL,
    quantity_completed INTEGER NOT NULL DEFAULT 0,
    notes              TEXT    NOT NULL DEFAULT '',
    material_plan      TEXT    NOT NULL,
    materials_json     TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'open',
    claimed_by         INTEGER,
    claimed_at         INTEGER,
    reason             TEXT,
    board_channel_id   INTEGER,
    board_message_id   INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    UNIQUE (guild_id, number)
);
CREATE INDEX requests_by_member ON requests (guild_id, user_id, status);
CREATE INDEX requests_by_status ON requests (guild_id, status, profession);

-- Append-only history of every change of a request.
CREATE TABLE request_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    actor_id   INTEGER NOT NULL,
    action     TEXT    NOT NULL,
    note       TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX request_events_by_request ON request_events (request_id, at);

-- One private request channel per member per guild (or the member's DM channel).
CREATE TABLE member_channels (
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    channel_id     INTEGER,
    created_at     INTEGER NOT NULL,
    last_active_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
CREATE UNIQUE INDEX member_channels_by_channel ON member_channels (channel_id) WHERE channel_id IS NOT NULL;
