//! The SQL text both backends run: each statement that SQLite and PostgreSQL spell the same
//! but for their placeholders is written once here, with SQLite's numbered `?N`;
//! PostgreSQL's side reads it through [`pg!`], which spells the placeholders `$N` at compile
//! time. Statements the two dialects write differently stay beside their backend's code.

/// `sql` with each `?` that opens a numbered placeholder (`?1`) turned into `$`: the same
/// length, so [`pg!`] does it at compile time.
pub(super) const fn dollar_placeholders<const N: usize>(sql: &str) -> [u8; N] {
    let bytes = sql.as_bytes();
    assert!(bytes.len() == N, "N is the statement's length");
    let mut out = [0; N];
    let mut at = 0;
    while at < N {
        out[at] = if bytes[at] == b'?' && at + 1 < N && bytes[at + 1].is_ascii_digit() {
            b'$'
        } else {
            bytes[at]
        };
        at += 1;
    }
    out
}

/// A shared statement (a `const` of `?N` SQL) as PostgreSQL writes it (`$N`), computed at
/// compile time: `pg!(sql::RELEASE_LEASE)`.
macro_rules! pg {
    ($sql:expr) => {{
        const BYTES: [u8; $sql.len()] = $crate::store::sql::dollar_placeholders($sql);
        const SQL: &str = match ::core::str::from_utf8(&BYTES) {
            Ok(sql) => sql,
            Err(_) => panic!("only ASCII bytes were changed"),
        };
        SQL
    }};
}
pub(super) use pg;

// `channels`

pub(super) const MEMBER_CHANNEL: &str =
    "SELECT channel_id FROM member_channels WHERE guild_id = ?1 AND user_id = ?2";

pub(super) const SET_MEMBER_CHANNEL: &str =
    "INSERT INTO member_channels (guild_id, user_id, channel_id, created_at, last_active_at) VALUES (?1, ?2, ?3, ?4, ?4) \
    ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, last_active_at = excluded.last_active_at";

pub(super) const TOUCH_MEMBER_CHANNEL: &str =
    "UPDATE member_channels SET last_active_at = ?3 WHERE guild_id = ?1 AND user_id = ?2";

pub(super) const IDLE_MEMBER_CHANNELS: &str =
    "SELECT guild_id, channel_id FROM member_channels m WHERE channel_id IS NOT NULL AND last_active_at < ?1 \
    AND NOT EXISTS (SELECT 1 FROM temp_sessions s WHERE s.channel_id = m.channel_id AND s.expires_at > ?2) \
    ORDER BY last_active_at LIMIT ?3";

pub(super) const CHANNEL_STILL_IDLE: &str =
    "SELECT 1 FROM member_channels m WHERE channel_id = ?1 AND last_active_at < ?2 \
    AND NOT EXISTS (SELECT 1 FROM temp_sessions s WHERE s.channel_id = m.channel_id AND s.expires_at > ?3)";

pub(super) const DELETE_MEMBER_CHANNEL: &str = "DELETE FROM member_channels WHERE channel_id = ?1";

pub(super) const DELETE_CHANNEL_SESSIONS: &str =
    "DELETE FROM temp_sessions WHERE channel_id = ?1 RETURNING session_key";

pub(super) const RECORD_ENDED_FLOW_MESSAGE: &str =
    "INSERT INTO ended_flow_messages (message_id, channel_id, ended_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

pub(super) const ENDED_FLOW_MESSAGES: &str =
    "SELECT channel_id, message_id FROM ended_flow_messages WHERE ended_at < ?1 ORDER BY ended_at LIMIT ?2";

pub(super) const FORGET_ENDED_FLOW_MESSAGE: &str =
    "DELETE FROM ended_flow_messages WHERE message_id = ?1";

pub(super) const DM_HOME: &str =
    "SELECT channel_id, message_id FROM dm_homes WHERE guild_id = ?1 AND user_id = ?2";

pub(super) const SET_DM_HOME: &str =
    "INSERT INTO dm_homes (guild_id, user_id, channel_id, message_id) VALUES (?1, ?2, ?3, ?4) \
    ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id";

pub(super) const MEMBER_LOCALE: &str = "SELECT locale FROM member_locales WHERE user_id = ?1";

pub(super) const SAVE_MEMBER_LOCALE: &str =
    "INSERT INTO member_locales (user_id, locale, updated_at) VALUES (?1, ?2, ?3) \
    ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at";

pub(super) const SET_PANEL_MESSAGE: &str =
    "INSERT INTO guild_state (guild_id, panel_channel_id, panel_message_id) VALUES (?1, ?2, ?3) \
    ON CONFLICT (guild_id) DO UPDATE SET panel_channel_id = excluded.panel_channel_id, panel_message_id = excluded.panel_message_id";

// `characters`

pub(super) const COUNT_CHARACTERS: &str =
    "SELECT COUNT(*) FROM characters WHERE guild_id = ?1 AND user_id = ?2";

pub(super) const REMOVE_CHARACTER: &str =
    "DELETE FROM characters WHERE id = ?1 AND guild_id = ?2 AND user_id = ?3";

pub(super) const PENDING_PER_CHARACTER: &str =
    "SELECT character_id, COUNT(*) FROM requests WHERE guild_id = ?1 AND user_id = ?2 \
    AND status IN ('open', 'claimed', 'in_progress') AND character_id IS NOT NULL GROUP BY character_id";

pub(super) const CHARACTERS: &str =
    "SELECT id, name, is_main, professions FROM characters WHERE guild_id = ?1 AND user_id = ?2 \
    ORDER BY is_main DESC, name_folded";

// `leases`

pub(super) const RELEASE_LEASE: &str = "DELETE FROM leases WHERE name = ?1 AND holder = ?2";

pub(super) const LEASE_HOLDER: &str = "SELECT holder, expires_at FROM leases WHERE name = ?1";

pub(super) const PRUNE_LEASES: &str = "DELETE FROM leases WHERE expires_at < ?1";

// `recovery`

pub(super) const SESSIONS_WITHOUT_MESSAGE: &str =
    "SELECT session_key, channel_id FROM temp_sessions \
    WHERE channel_id IS NOT NULL AND message_id IS NULL AND created_at < ?1";

// `requests`

pub(super) const DELETE_SUBMITTED_SESSION: &str =
    "DELETE FROM temp_sessions WHERE session_key = ?1 AND version = ?2";

pub(super) const SET_BOARD_MESSAGE: &str =
    "UPDATE requests SET board_channel_id = ?1, board_message_id = ?2 WHERE id = ?3";

pub(super) const MEMBER_REQUESTS: &str =
    "SELECT number, character_name, profession, item, quantity, quantity_completed, status, reason, updated_at \
    FROM requests WHERE guild_id = ?1 AND user_id = ?2 ORDER BY number DESC LIMIT 500";

pub(super) const REQUEST_EVENTS_FOR: &str =
    "SELECT e.actor_id, e.action, e.note, e.at FROM request_events e \
    JOIN requests r ON r.id = e.request_id WHERE r.guild_id = ?1 AND r.number = ?2 \
    ORDER BY e.at, e.id";

pub(super) const COUNT_REQUESTS: &str =
    "SELECT status, COUNT(*) FROM requests WHERE guild_id = ?1 GROUP BY status";

pub(super) const COUNT_REQUESTS_BY_STATUS: &str =
    "SELECT status, COUNT(*) FROM requests GROUP BY status";

// `sessions`

pub(super) const COUNT_OPEN_SESSIONS: &str =
    "SELECT COUNT(*) FROM temp_sessions WHERE guild_id = ?1 AND user_id = ?2 \
    AND kind = ?3 AND expires_at > ?4";

pub(super) const LIVE_SESSION_KEY: &str =
    "SELECT session_key FROM temp_sessions WHERE guild_id = ?1 AND user_id = ?2 \
    AND kind = ?3 AND expires_at > ?4 ORDER BY created_at DESC, session_key DESC LIMIT 1";

pub(super) const SAVE_SESSION: &str =
    "UPDATE temp_sessions SET state_json = ?1, version = version + 1, \
    last_seen_at = ?2, expires_at = ?3 WHERE session_key = ?4 AND version = ?5";

pub(super) const SESSION_EXISTS: &str = "SELECT 1 FROM temp_sessions WHERE session_key = ?1";

pub(super) const SET_SESSION_MESSAGE: &str =
    "UPDATE temp_sessions SET channel_id = ?1, message_id = ?2 WHERE session_key = ?3";

pub(super) const TOUCH_SESSION: &str =
    "UPDATE temp_sessions SET last_seen_at = ?1, expires_at = ?2 \
    WHERE session_key = ?3 AND last_seen_at < ?4";

pub(super) const OPEN_SESSIONS_FOR_USER: &str =
    "SELECT session_key, kind, channel_id, message_id, last_seen_at FROM temp_sessions \
    WHERE guild_id = ?1 AND user_id = ?2 AND expires_at > ?3 \
    ORDER BY created_at, session_key";

pub(super) const COUNT_SESSIONS: &str = "SELECT COUNT(*) FROM temp_sessions";

pub(super) const INSERT_SESSION: &str =
    "INSERT INTO temp_sessions (session_key, user_id, guild_id, kind, state_json, \
    version, channel_id, message_id, created_at, last_seen_at, expires_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, NULL, ?7, ?7, ?8) \
    ON CONFLICT (session_key) DO NOTHING";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_gets_dollar_placeholders_and_the_rest_unchanged() {
        assert_eq!(
            pg!(TRY_LEASE_SAMPLE),
            "UPDATE t SET a = $1, b = $12 WHERE c = '?' AND d = $2"
        );
        assert_eq!(
            pg!(RELEASE_LEASE),
            "DELETE FROM leases WHERE name = $1 AND holder = $2"
        );
    }

    const TRY_LEASE_SAMPLE: &str = "UPDATE t SET a = ?1, b = ?12 WHERE c = '?' AND d = ?2";
}
