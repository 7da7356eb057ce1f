//! `characters` on PostgreSQL: unique names per member and guild (ignoring case), one main
//! per member; a new main demotes the old one in the same transaction.

use std::collections::HashMap;

use deadpool_postgres::GenericClient;

use super::requests::cancel_where;
use super::Postgres;
use crate::domain::{Character, Snowflake, Timestamp, MAX_CHARACTERS, TOO_MANY_CHARACTERS};
use crate::store::rows::{corrupt, small};
use crate::store::sql::{self, pg};
use crate::store::{CharacterInput, StoreError};

/// Serialises the character adds of one member (guild, user) until the transaction ends,
/// so the cap of [`MAX_CHARACTERS`] holds under concurrent adds.
const LOCK_MEMBER_CHARACTERS: &str = "SELECT pg_advisory_xact_lock(hashtextextended('characters:' || $1::BIGINT || ':' || $2::BIGINT, 0))";

impl Postgres {
    pub(in crate::store) async fn characters(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Vec<Character>, StoreError> {
        self.run("characters", async |client| {
            let stmt = client.prepare_cached(pg!(sql::CHARACTERS)).await?;
            let rows = client
                .query(&stmt, &[&guild.as_i64(), &user.as_i64()])
                .await?;
            rows.iter()
                .map(|r| {
                    let professions: String = r.try_get(3)?;
                    Ok(Character {
                        id: r.try_get(0)?,
                        name: r.try_get(1)?,
                        main: r.try_get(2)?,
                        professions: serde_json::from_str(&professions).map_err(corrupt)?,
                    })
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn add_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        input: CharacterInput,
        now: Timestamp,
    ) -> Result<Character, StoreError> {
        let professions = serde_json::to_string(&input.professions).map_err(corrupt)?;
        self.run("add_character", async |mut client| {
            let tx = client.transaction().await?;
            // Two adds of one member wait for each other, so the count below stays true until
            // the insert commits.
            tx.execute(LOCK_MEMBER_CHARACTERS, &[&guild.as_i64(), &user.as_i64()])
                .await?;
            let registered: i64 = tx
                .query_one(
                    pg!(sql::COUNT_CHARACTERS),
                    &[&guild.as_i64(), &user.as_i64()],
                )
                .await?
                .try_get(0)?;
            if usize::try_from(registered).unwrap_or(usize::MAX) >= MAX_CHARACTERS {
                return Err(StoreError::Limit(TOO_MANY_CHARACTERS));
            }
            if input.main {
                demote_main(&tx, guild, user).await?;
            }
            let stmt = tx
                .prepare_cached(
                    "INSERT INTO characters (guild_id, user_id, name, name_folded, is_main, professions, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
                )
                .await?;
            let row = tx
                .query_opt(
                    &stmt,
                    &[
                        &guild.as_i64(),
                        &user.as_i64(),
                        &input.name,
                        &input.name.to_lowercase(),
                        &input.main,
                        &professions,
                        &now.as_millis(),
                    ],
                )
                .await?;
            let Some(row) = row else {
                return Err(StoreError::Duplicate(input.name));
            };
            let id = row.try_get(0)?;
            tx.commit().await?;
            Ok(Character {
                id,
                name: input.name,
                main: input.main,
                professions: input.professions,
            })
        })
        .await
    }

    /// A taken name, like a character that is not the member's, changes nothing and is
    /// `Duplicate` (as `UPDATE OR IGNORE` on SQLite).
    pub(in crate::store) async fn update_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        id: i64,
        input: CharacterInput,
    ) -> Result<(), StoreError> {
        let professions = serde_json::to_string(&input.professions).map_err(corrupt)?;
        self.run("update_character", async |mut client| {
            let tx = client.transaction().await?;
            if input.main {
                demote_main(&tx, guild, user).await?;
            }
            let taken = tx
                .prepare_cached(
                    "SELECT 1 FROM characters WHERE guild_id = $1 AND user_id = $2 AND name_folded = $3 AND id <> $4",
                )
                .await?;
            let folded = input.name.to_lowercase();
            if tx
                .query_opt(&taken, &[&guild.as_i64(), &user.as_i64(), &folded, &id])
                .await?
                .is_some()
            {
                return Err(StoreError::Duplicate(input.name));
            }
            let stmt = tx
                .prepare_cached(
                    "UPDATE characters SET name = $1, name_folded = $2, is_main = $3, professions = $4 \
                     WHERE id = $5 AND guild_id = $6 AND user_id = $7",
                )
                .await?;
            let changed = tx
                .execute(
                    &stmt,
                    &[
                        &input.name,
                        &folded,
                        &input.main,
                        &professions,
                        &id,
                        &guild.as_i64(),
                        &user.as_i64(),
                    ],
                )
                .await
                .map_err(|err| {
                    // Another process took the name between our check and the update.
                    if err.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
                        StoreError::Duplicate(input.name.clone())
                    } else {
                        err.into()
                    }
                })?;
            if changed == 0 {
                return Err(StoreError::Duplicate(input.name));
            }
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn remove_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        id: i64,
        now: Timestamp,
    ) -> Result<Vec<u32>, StoreError> {
        self.run("remove_character", async |mut client| {
            let tx = client.transaction().await?;
            let cancelled = cancel_where(
                &tx,
                "guild_id = $1 AND user_id = $2 AND character_id = $3 AND status IN ('open', 'claimed', 'in_progress')",
                &[&guild.as_i64(), &user.as_i64(), &id],
                user,
                "Character removed by its member",
                now,
            )
            .await?;
            let stmt = tx
                .prepare_cached(
                    pg!(sql::REMOVE_CHARACTER),
                )
                .await?;
            if tx
                .execute(&stmt, &[&id, &guild.as_i64(), &user.as_i64()])
                .await?
                == 0
            {
                return Err(StoreError::NotFound);
            }
            tx.commit().await?;
            Ok(cancelled)
        })
        .await
    }

    pub(in crate::store) async fn pending_per_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<HashMap<i64, u32>, StoreError> {
        self.run("pending_per_character", async |client| {
            let stmt = client
                .prepare_cached(pg!(sql::PENDING_PER_CHARACTER))
                .await?;
            let rows = client
                .query(&stmt, &[&guild.as_i64(), &user.as_i64()])
                .await?;
            rows.iter()
                .map(|r| Ok((r.try_get(0)?, small(r.try_get(1)?)?)))
                .collect()
        })
        .await
    }
}

async fn demote_main(
    tx: &impl GenericClient,
    guild: Snowflake,
    user: Snowflake,
) -> Result<(), StoreError> {
    let stmt = tx
        .prepare_cached(
            "UPDATE characters SET is_main = FALSE WHERE guild_id = $1 AND user_id = $2 AND is_main",
        )
        .await?;
    tx.execute(&stmt, &[&guild.as_i64(), &user.as_i64()])
        .await?;
    Ok(())
}
