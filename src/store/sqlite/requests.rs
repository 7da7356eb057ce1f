//! `requests` and `request_events` on SQLite: submission with the session CAS and the
//! member's limits in one transaction, guild-local numbers, CAS status changes, and the
//! append-only history.

use crate::store::sql;
use rusqlite::{params, Connection, OptionalExtension, ToSql};

use super::Sqlite;
use crate::domain::{RequestStatus, RequestSummary, SessionKey, Snowflake, Timestamp};
use crate::store::{
    NewRequest, RequestEvent, StatusChange, StoreError, StoredRequest, SubmitLimits,
};

impl Sqlite {
    /// Stores a request and ends the flow that made it, in one transaction, only if the
    /// flow is still at `session_version` (so a double click submits once). Checks the
    /// member's open-request limit and submission pace.
    pub(in crate::store) async fn submit_request(
        &self,
        session: &SessionKey,
        session_version: i64,
        request: NewRequest,
        limits: SubmitLimits,
        now: Timestamp,
    ) -> Result<StoredRequest, StoreError> {
        let key = session.to_string();
        self.write("submit_request", move |conn| {
            let ended = conn
                .prepare_cached(sql::DELETE_SUBMITTED_SESSION)?
                .execute(params![key, session_version])?;
            if ended == 0 {
                return Err(StoreError::Conflict { expected: session_version });
            }
            let member = params![request.guild_id.as_i64(), request.user_id.as_i64()];
            let open: u32 = conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM requests WHERE guild_id = ?1 AND user_id = ?2 \
                     AND status IN ('open', 'claimed', 'in_progress')",
                )?
                .query_row(member, |r| r.get(0))?;
            if open >= limits.max_open_requests {
                return Err(StoreError::Limit(crate::domain::Limit::OpenRequests { open, max: limits.max_open_requests }));
            }
            let since = now.as_millis().saturating_sub(i64::try_from(limits.lookback().as_millis()).unwrap_or(i64::MAX));
            let mut recent = conn
                .prepare_cached("SELECT created_at FROM requests WHERE guild_id = ?1 AND user_id = ?2 AND created_at > ?3")?
                .query_map(params![request.guild_id.as_i64(), request.user_id.as_i64(), since], |r| r.get::<_, i64>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(wait) = limits.wait_before(&mut recent, now) {
                return Err(SubmitLimits::too_soon(wait));
            }
            let number = next_request_number(conn, request.guild_id)?;
            conn.prepare_cached(
                "INSERT INTO requests (guild_id, number, user_id, character_id, character_name, profession, gear_slot, \
                 item, quantity, notes, material_plan, materials_json, status, created_at, updated_at, session_key) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', ?13, ?13, ?14)",
            )?
            .execute(params![
                request.guild_id.as_i64(), number, request.user_id.as_i64(), request.character_id, request.character_name,
                request.profession, request.gear_slot, request.item, request.quantity, request.notes, request.material_plan,
                request.materials_json, now.as_millis(), key
            ])?;
            let id = conn.last_insert_rowid();
            record_event(conn, id, request.user_id, "created", None, now)?;
            Ok(StoredRequest::submitted(id, number, request, now))
        })
        .await
    }

    /// Remembers the board message that shows a request.
    pub(in crate::store) async fn set_board_message(
        &self,
        request_id: i64,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.write("set_board_message", move |conn| {
            conn.prepare_cached(sql::SET_BOARD_MESSAGE)?
                .execute(params![channel.as_i64(), message.as_i64(), request_id])?;
            Ok(())
        })
        .await
    }

    /// A member's requests in a guild, newest first.
    pub(in crate::store) async fn member_requests(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Vec<RequestSummary>, StoreError> {
        self.read("member_requests", move |conn| {
            let mut stmt = conn.prepare_cached(sql::MEMBER_REQUESTS)?;
            let rows = stmt.query_map(params![guild.as_i64(), user.as_i64()], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            })?;
            rows.map(|row| {
                let (
                    number,
                    character,
                    profession,
                    item,
                    quantity,
                    quantity_completed,
                    status,
                    reason,
                    updated_at,
                ) = row?;
                Ok(RequestSummary {
                    number,
                    character,
                    profession,
                    item,
                    quantity,
                    quantity_completed,
                    status: RequestStatus::parse(&status)
                        .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
                    reason,
                    updated_at: Timestamp::from_millis(updated_at),
                })
            })
            .collect()
        })
        .await
    }

    /// Cancels a member's own open requests; returns the numbers actually cancelled.
    pub(in crate::store) async fn cancel_member_requests(
        &self,
        guild: Snowflake,
        user: Snowflake,
        numbers: Vec<u32>,
        now: Timestamp,
    ) -> Result<Vec<u32>, StoreError> {
        let numbers_json =
            serde_json::to_string(&numbers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.write("cancel_member_requests", move |conn| {
            cancel_where(
                conn,
                "guild_id = ?1 AND user_id = ?2 AND status = 'open' AND number IN (SELECT value FROM json_each(?3))",
                params![guild.as_i64(), user.as_i64(), numbers_json],
                user,
                "Cancelled by the requester",
                now,
            )
        })
        .await
    }

    /// One request by its guild-local number.
    pub(in crate::store) async fn request_by_number(
        &self,
        guild: Snowflake,
        number: u32,
    ) -> Result<Option<StoredRequest>, StoreError> {
        self.read("request_by_number", move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = ?1 AND number = ?2"
            ))?;
            let mut rows = stmt.query(params![guild.as_i64(), number])?;
            rows.next()?.map(stored_request).transpose()
        })
        .await
    }

    /// A guild's pending requests in these professions, oldest first (at most 1,000).
    pub(in crate::store) async fn pending_requests(
        &self,
        guild: Snowflake,
        professions: Vec<String>,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        let professions =
            serde_json::to_string(&professions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.read("pending_requests", move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = ?1 AND status IN ('open', 'claimed', 'in_progress') \
                 AND profession IN (SELECT value FROM json_each(?2)) ORDER BY number LIMIT 1000"
            ))?;
            let mut rows = stmt.query(params![guild.as_i64(), professions])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(stored_request(row)?);
            }
            Ok(out)
        })
        .await
    }

    /// The history of a request, by its guild-local number, oldest first.
    pub(in crate::store) async fn request_events_for(
        &self,
        guild: Snowflake,
        number: u32,
    ) -> Result<Vec<RequestEvent>, StoreError> {
        self.read("request_events_for", move |conn| {
            let mut stmt = conn.prepare_cached(sql::REQUEST_EVENTS_FOR)?;
            let rows = stmt.query_map(params![guild.as_i64(), number], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?;
            rows.map(|row| {
                let (actor, action, note, at) = row?;
                Ok(RequestEvent {
                    actor_id: Snowflake::from_i64(actor)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    action,
                    note,
                    at: Timestamp::from_millis(at),
                })
            })
            .collect()
        })
        .await
    }

    /// How many requests a guild has, per status (for reports and metrics).
    pub(in crate::store) async fn count_requests(
        &self,
        guild: Snowflake,
    ) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
        self.read("count_requests", move |conn| {
            let mut stmt = conn.prepare_cached(sql::COUNT_REQUESTS)?;
            let counts = status_counts(stmt.query_map([guild.as_i64()], status_count)?);
            counts
        })
        .await
    }

    /// How many requests each status holds, across every guild (for the metrics).
    pub(in crate::store) async fn count_requests_by_status(
        &self,
    ) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
        self.read("count_requests_by_status", |conn| {
            let mut stmt = conn.prepare_cached(sql::COUNT_REQUESTS_BY_STATUS)?;
            let counts = status_counts(stmt.query_map([], status_count)?);
            counts
        })
        .await
    }
}

fn status_count(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, i64)> {
    Ok((row.get(0)?, row.get(1)?))
}

fn status_counts(
    rows: impl Iterator<Item = rusqlite::Result<(String, i64)>>,
) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        let (status, count) = row?;
        if let Some(status) = RequestStatus::parse(&status) {
            out.push((status, u64::try_from(count).unwrap_or(0)));
        }
    }
    Ok(out)
}

pub(super) const REQUEST_COLUMNS: &str = "id, number, guild_id, user_id, character_name, profession, gear_slot, item, quantity, \
     quantity_completed, notes, material_plan, materials_json, status, claimed_by, board_message_id, created_at, reason";

pub(super) fn stored_request(r: &rusqlite::Row<'_>) -> Result<StoredRequest, StoreError> {
    let status: String = r.get(13)?;
    let id = |v: i64| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string()));
    Ok(StoredRequest {
        id: r.get(0)?,
        number: r.get(1)?,
        guild_id: id(r.get(2)?)?,
        user_id: id(r.get(3)?)?,
        character_name: r.get(4)?,
        profession: r.get(5)?,
        gear_slot: r.get(6)?,
        item: r.get(7)?,
        quantity: r.get(8)?,
        quantity_completed: r.get(9)?,
        notes: r.get(10)?,
        material_plan: r.get(11)?,
        materials_json: r.get(12)?,
        status: RequestStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
        claimed_by: r.get::<_, Option<i64>>(14)?.map(id).transpose()?,
        reason: r.get(17)?,
        board_message_id: r.get::<_, Option<i64>>(15)?.map(id).transpose()?,
        created_at: Timestamp::from_millis(r.get(16)?),
    })
}

/// Takes the guild's next request number (1, 2, 3, ... per guild).
pub(super) fn next_request_number(conn: &Connection, guild: Snowflake) -> Result<u32, StoreError> {
    let number = conn
        .prepare_cached(
            "INSERT INTO guild_state (guild_id, next_request_number) VALUES (?1, 2) \
             ON CONFLICT (guild_id) DO UPDATE SET next_request_number = next_request_number + 1 \
             RETURNING next_request_number - 1",
        )?
        .query_row([guild.as_i64()], |r| r.get(0))?;
    Ok(number)
}

/// Appends to a request's history.
pub(super) fn record_event(
    conn: &Connection,
    request_id: i64,
    actor: Snowflake,
    action: &str,
    note: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO request_events (request_id, actor_id, action, note, at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![request_id, actor.as_i64(), action, note, now.as_millis()])?;
    Ok(())
}

/// Cancels every request matching `filter` (a WHERE clause over `requests`), recording an
/// event for each; returns their numbers.
pub(super) fn cancel_where(
    conn: &Connection,
    filter: &str,
    params: &[&dyn ToSql],
    actor: Snowflake,
    reason: &str,
    now: Timestamp,
) -> Result<Vec<u32>, StoreError> {
    // The reason and the time are bound after the filter's own parameters, so each caller's
    // statement is one entry in the prepare cache.
    let (reason_at, now_at) = (params.len() + 1, params.len() + 2);
    let mut stmt = conn.prepare_cached(&format!(
        "UPDATE requests SET status = 'cancelled', reason = ?{reason_at}, updated_at = ?{now_at} \
         WHERE {filter} RETURNING id, number"
    ))?;
    let now_ms = now.as_millis();
    let bound = params
        .iter()
        .copied()
        .chain([&reason as &dyn ToSql, &now_ms]);
    let rows: Vec<(i64, u32)> = stmt
        .query_map(rusqlite::params_from_iter(bound), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    for (id, _) in &rows {
        record_event(conn, *id, actor, "cancelled", Some(reason), now)?;
    }
    Ok(rows.into_iter().map(|(_, number)| number).collect())
}

impl Sqlite {
    /// Applies `change` to request `number` with compare-and-swap: when two crafters press
    /// Claim at once exactly one wins; the other gets `Conflict`. Records the event.
    pub(in crate::store) async fn change_request(
        &self,
        guild: Snowflake,
        number: u32,
        change: StatusChange,
        actor: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write("change_request", move |conn| {
            let id: Option<i64> = conn
                .prepare_cached(
                    "UPDATE requests SET status = ?1, claimed_by = ?2, claimed_at = CASE WHEN ?2 IS NULL THEN NULL \
                     WHEN claimed_by IS ?2 THEN claimed_at ELSE ?3 END, quantity_completed = ?4, \
                     reason = COALESCE(?5, CASE WHEN ?1 IN ('denied', 'cancelled') THEN reason END), updated_at = ?3 \
                     WHERE guild_id = ?6 AND number = ?7 AND status = ?8 AND claimed_by IS ?9 AND quantity_completed = ?10 \
                     RETURNING id",
                )?
                .query_row(
                    params![
                        change.status.as_str(),
                        change.claimed_by.map(Snowflake::as_i64),
                        now.as_millis(),
                        change.quantity_completed,
                        change.reason,
                        guild.as_i64(),
                        number,
                        change.expected_status.as_str(),
                        change.expected_claimed_by.map(Snowflake::as_i64),
                        change.expected_completed,
                    ],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id) = id else {
                return Err(StoreError::Conflict { expected: 0 });
            };
            let note = change.note.as_deref().or(change.reason.as_deref());
            record_event(conn, id, actor, change.event, note, now)?;
            Ok(())
        })
        .await
    }
}
