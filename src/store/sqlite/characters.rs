//! `characters` on SQLite: unique names per member and guild (ignoring case), one main
//! per member.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::{requests::cancel_where, Sqlite};
use crate::domain::{Character, Snowflake, Timestamp, MAX_CHARACTERS, TOO_MANY_CHARACTERS};
use crate::store::sql;
use crate::store::{CharacterInput, StoreError};

impl Sqlite {
    /// A member's characters: the main first, then by name.
    pub(in crate::store) async fn characters(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Vec<Character>, StoreError> {
        self.read("characters", move |conn| list(conn, guild, user))
            .await
    }

    /// Registers a character; a new main demotes the old one. A taken name is `Duplicate`,
    /// a member who has [`MAX_CHARACTERS`] already is refused with `Limit` (checked in the
    /// same write job, on the one writer connection: no second insert can come between).
    pub(in crate::store) async fn add_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        input: CharacterInput,
        now: Timestamp,
    ) -> Result<Character, StoreError> {
        self.write("add_character", move |conn| {
            let registered: i64 = conn
                .prepare_cached(sql::COUNT_CHARACTERS)?
                .query_row(params![guild.as_i64(), user.as_i64()], |row| row.get(0))?;
            if usize::try_from(registered).unwrap_or(usize::MAX) >= MAX_CHARACTERS {
                return Err(StoreError::Limit(TOO_MANY_CHARACTERS));
            }
            if input.main {
                demote_main(conn, guild, user)?;
            }
            let professions = serde_json::to_string(&input.professions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let inserted = conn
                .prepare_cached(
                    "INSERT INTO characters (guild_id, user_id, name, name_folded, is_main, professions, created_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                )?
                .execute(params![guild.as_i64(), user.as_i64(), input.name, input.name.to_lowercase(), input.main, professions, now.as_millis()])?;
            if inserted == 0 {
                return Err(StoreError::Duplicate(input.name));
            }
            Ok(Character { id: conn.last_insert_rowid(), name: input.name, main: input.main, professions: input.professions })
        })
        .await
    }

    /// Edits a member's character (only their own).
    pub(in crate::store) async fn update_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        id: i64,
        input: CharacterInput,
    ) -> Result<(), StoreError> {
        self.write("update_character", move |conn| {
            if input.main {
                demote_main(conn, guild, user)?;
            }
            let professions = serde_json::to_string(&input.professions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let changed = conn
                .prepare_cached(
                    "UPDATE OR IGNORE characters SET name = ?1, name_folded = ?2, is_main = ?3, professions = ?4 \
                     WHERE id = ?5 AND guild_id = ?6 AND user_id = ?7",
                )?
                .execute(params![input.name, input.name.to_lowercase(), input.main, professions, id, guild.as_i64(), user.as_i64()])?;
            if changed == 0 {
                return Err(StoreError::Duplicate(input.name));
            }
            Ok(())
        })
        .await
    }

    /// Removes a member's character and cancels its pending requests; returns how many.
    pub(in crate::store) async fn remove_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        id: i64,
        now: Timestamp,
    ) -> Result<Vec<u32>, StoreError> {
        self.write("remove_character", move |conn| {
            let cancelled = cancel_where(
                conn,
                "guild_id = ?1 AND user_id = ?2 AND character_id = ?3 AND status IN ('open', 'claimed', 'in_progress')",
                params![guild.as_i64(), user.as_i64(), id],
                user,
                "Character removed by its member",
                now,
            )?;
            let removed = conn
                .prepare_cached(sql::REMOVE_CHARACTER)?
                .execute(params![id, guild.as_i64(), user.as_i64()])?;
            if removed == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(cancelled)
        })
        .await
    }

    /// Pending requests per character of a member.
    pub(in crate::store) async fn pending_per_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<HashMap<i64, u32>, StoreError> {
        self.read("pending_per_character", move |conn| {
            let mut stmt = conn.prepare_cached(sql::PENDING_PER_CHARACTER)?;
            let rows = stmt.query_map(params![guild.as_i64(), user.as_i64()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }
}

fn demote_main(conn: &Connection, guild: Snowflake, user: Snowflake) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE characters SET is_main = 0 WHERE guild_id = ?1 AND user_id = ?2 AND is_main = 1",
    )?
    .execute(params![guild.as_i64(), user.as_i64()])?;
    Ok(())
}

fn list(
    conn: &Connection,
    guild: Snowflake,
    user: Snowflake,
) -> Result<Vec<Character>, StoreError> {
    let mut stmt = conn.prepare_cached(sql::CHARACTERS)?;
    let rows = stmt.query_map(params![guild.as_i64(), user.as_i64()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (id, name, main, professions) = row?;
        let professions =
            serde_json::from_str(&professions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Character {
            id,
            name,
            main,
            professions,
        })
    })
    .collect()
}
