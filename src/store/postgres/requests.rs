//! `requests` and `request_events` on PostgreSQL. A submission ends its flow (session CAS
//! delete), checks the member's limits, takes the guild's next number and appends the
//! first event in one transaction, serialised per member by an advisory lock so two flows
//! of one member cannot both slip under the limit. Status changes are CAS updates.

use deadpool_postgres::GenericClient;
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use super::Postgres;
use crate::domain::{RequestStatus, RequestSummary, SessionKey, Snowflake, Timestamp};
use crate::store::rows::{id, optional_id, small, status, status_counts};
use crate::store::sql::{self, pg};
use crate::store::{
    NewRequest, RequestEvent, StatusChange, StoreError, StoredRequest, SubmitLimits,
};

pub(super) const REQUEST_COLUMNS: &str = "id, number, guild_id, user_id, character_name, profession, gear_slot, item, quantity, \
     quantity_completed, notes, material_plan, materials_json, status, claimed_by, board_message_id, created_at, reason";

impl Postgres {
    pub(in crate::store) async fn submit_request(
        &self,
        session: &SessionKey,
        session_version: i64,
        request: NewRequest,
        limits: SubmitLimits,
        now: Timestamp,
    ) -> Result<StoredRequest, StoreError> {
        let (guild, user) = (request.guild_id.as_i64(), request.user_id.as_i64());
        self.run("submit_request", async |mut client| {
            let tx = client.transaction().await?;
            let lock = tx.prepare_cached(LOCK_MEMBER).await?;
            let end_flow = tx
                .prepare_cached(pg!(sql::DELETE_SUBMITTED_SESSION))
                .await?;
            let limits_now = tx
                .prepare_cached(
                    "SELECT COUNT(*) FILTER (WHERE status IN ('open', 'claimed', 'in_progress')), \
                     COALESCE(array_agg(created_at) FILTER (WHERE created_at > $3), '{}') \
                     FROM requests WHERE guild_id = $1 AND user_id = $2",
                )
                .await?;
            // Sent together, answered in order: one round trip. The lock comes first, so the
            // count is read once no other submission of this member is in flight.
            let key = session.to_string();
            let member: [&(dyn ToSql + Sync); 2] = [&guild, &user];
            let flow: [&(dyn ToSql + Sync); 2] = [&key, &session_version];
            let since = now
                .as_millis()
                .saturating_sub(i64::try_from(limits.lookback().as_millis()).unwrap_or(i64::MAX));
            let recent_since: [&(dyn ToSql + Sync); 3] = [&guild, &user, &since];
            let (_, ended, row) = tokio::try_join!(
                tx.execute(&lock, &member),
                tx.execute(&end_flow, &flow),
                tx.query_one(&limits_now, &recent_since),
            )?;
            if ended == 0 {
                return Err(StoreError::Conflict {
                    expected: session_version,
                });
            }
            let (open, mut recent): (i64, Vec<i64>) = (row.try_get(0)?, row.try_get(1)?);
            if open >= i64::from(limits.max_open_requests) {
                return Err(StoreError::Limit(crate::domain::Limit::OpenRequests {
                    open: u32::try_from(open).unwrap_or(u32::MAX),
                    max: limits.max_open_requests,
                }));
            }
            if let Some(wait) = limits.wait_before(&mut recent, now) {
                return Err(SubmitLimits::too_soon(wait));
            }
            // The number, the request and its first event in one statement: the guild's row in
            // guild_state stays locked from here to the commit, so this part is kept short.
            let store = tx.prepare_cached(STORE_REQUEST).await?;
            let row = tx
                .query_one(
                    &store,
                    &[
                        &guild,
                        &user,
                        &request.character_id,
                        &request.character_name,
                        &request.profession,
                        &request.gear_slot,
                        &request.item,
                        &i64::from(request.quantity),
                        &request.notes,
                        &request.material_plan,
                        &request.materials_json,
                        &now.as_millis(),
                        &key,
                    ],
                )
                .await?;
            let (id, number): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
            let number = small(number)?;
            tx.commit().await?;
            Ok(StoredRequest::submitted(id, number, request, now))
        })
        .await
    }

    pub(in crate::store) async fn set_board_message(
        &self,
        request_id: i64,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.run("set_board_message", async |client| {
            let stmt = client.prepare_cached(pg!(sql::SET_BOARD_MESSAGE)).await?;
            client
                .execute(&stmt, &[&channel.as_i64(), &message.as_i64(), &request_id])
                .await?;
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn member_requests(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Vec<RequestSummary>, StoreError> {
        self.run("member_requests", async |client| {
            let stmt = client.prepare_cached(pg!(sql::MEMBER_REQUESTS)).await?;
            let rows = client
                .query(&stmt, &[&guild.as_i64(), &user.as_i64()])
                .await?;
            rows.iter()
                .map(|r| {
                    Ok(RequestSummary {
                        number: small(r.try_get(0)?)?,
                        character: r.try_get(1)?,
                        profession: r.try_get(2)?,
                        item: r.try_get(3)?,
                        quantity: small(r.try_get(4)?)?,
                        quantity_completed: small(r.try_get(5)?)?,
                        status: status(r.try_get(6)?)?,
                        reason: r.try_get(7)?,
                        updated_at: Timestamp::from_millis(r.try_get(8)?),
                    })
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn cancel_member_requests(
        &self,
        guild: Snowflake,
        user: Snowflake,
        numbers: Vec<u32>,
        now: Timestamp,
    ) -> Result<Vec<u32>, StoreError> {
        let numbers: Vec<i64> = numbers.into_iter().map(i64::from).collect();
        self.run("cancel_member_requests", async |mut client| {
            let tx = client.transaction().await?;
            let cancelled = cancel_where(
                &tx,
                "guild_id = $1 AND user_id = $2 AND status = 'open' AND number = ANY($3)",
                &[&guild.as_i64(), &user.as_i64(), &numbers],
                user,
                "Cancelled by the requester",
                now,
            )
            .await?;
            tx.commit().await?;
            Ok(cancelled)
        })
        .await
    }

    pub(in crate::store) async fn request_by_number(
        &self,
        guild: Snowflake,
        number: u32,
    ) -> Result<Option<StoredRequest>, StoreError> {
        self.run("request_by_number", async |client| {
            let stmt = client
                .prepare_cached(&format!(
                    "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = $1 AND number = $2"
                ))
                .await?;
            let row = client
                .query_opt(&stmt, &[&guild.as_i64(), &i64::from(number)])
                .await?;
            row.as_ref().map(stored_request).transpose()
        })
        .await
    }

    pub(in crate::store) async fn pending_requests(
        &self,
        guild: Snowflake,
        professions: Vec<String>,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        self.run("pending_requests", async |client| {
            let stmt = client
                .prepare_cached(&format!(
                    "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = $1 AND status IN ('open', 'claimed', 'in_progress') \
                     AND profession = ANY($2) ORDER BY number LIMIT 1000"
                ))
                .await?;
            let rows = client
                .query(&stmt, &[&guild.as_i64(), &professions])
                .await?;
            rows.iter().map(stored_request).collect()
        })
        .await
    }

    pub(in crate::store) async fn request_events_for(
        &self,
        guild: Snowflake,
        number: u32,
    ) -> Result<Vec<RequestEvent>, StoreError> {
        self.run("request_events_for", async |client| {
            let stmt = client.prepare_cached(pg!(sql::REQUEST_EVENTS_FOR)).await?;
            let rows = client
                .query(&stmt, &[&guild.as_i64(), &i64::from(number)])
                .await?;
            rows.iter()
                .map(|r| {
                    Ok(RequestEvent {
                        actor_id: id(r.try_get(0)?)?,
                        action: r.try_get(1)?,
                        note: r.try_get(2)?,
                        at: Timestamp::from_millis(r.try_get(3)?),
                    })
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn count_requests(
        &self,
        guild: Snowflake,
    ) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
        self.run("count_requests", async |client| {
            let stmt = client.prepare_cached(pg!(sql::COUNT_REQUESTS)).await?;
            let rows = client.query(&stmt, &[&guild.as_i64()]).await?;
            Ok(status_counts(pairs(&rows)?))
        })
        .await
    }

    pub(in crate::store) async fn count_requests_by_status(
        &self,
    ) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
        self.run("count_requests_by_status", async |client| {
            let rows = client
                .query(pg!(sql::COUNT_REQUESTS_BY_STATUS), &[])
                .await?;
            Ok(status_counts(pairs(&rows)?))
        })
        .await
    }

    pub(in crate::store) async fn change_request(
        &self,
        guild: Snowflake,
        number: u32,
        change: StatusChange,
        actor: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        // The CAS update and its event in one statement: atomic without a transaction, and
        // one round trip.
        self.run("change_request", async |client| {
            let stmt = client
                .prepare_cached(
                    "WITH changed AS (UPDATE requests SET status = $1, claimed_by = $2::BIGINT, \
                     claimed_at = CASE WHEN $2::BIGINT IS NULL THEN NULL \
                     WHEN claimed_by IS NOT DISTINCT FROM $2::BIGINT THEN claimed_at ELSE $3 END, quantity_completed = $4, \
                     reason = COALESCE($5::TEXT, CASE WHEN $1 IN ('denied', 'cancelled') THEN reason END), updated_at = $3 \
                     WHERE guild_id = $6 AND number = $7 AND status = $8 AND claimed_by IS NOT DISTINCT FROM $9::BIGINT \
                     AND quantity_completed = $10 RETURNING id) \
                     INSERT INTO request_events (request_id, actor_id, action, note, at) \
                     SELECT id, $11, $12, $13::TEXT, $3 FROM changed",
                )
                .await?;
            let note = change.note.as_deref().or(change.reason.as_deref());
            let recorded = client
                .execute(
                    &stmt,
                    &[
                        &change.status.as_str(),
                        &change.claimed_by.map(Snowflake::as_i64),
                        &now.as_millis(),
                        &i64::from(change.quantity_completed),
                        &change.reason,
                        &guild.as_i64(),
                        &i64::from(number),
                        &change.expected_status.as_str(),
                        &change.expected_claimed_by.map(Snowflake::as_i64),
                        &i64::from(change.expected_completed),
                        &actor.as_i64(),
                        &change.event,
                        &note,
                    ],
                )
                .await?;
            if recorded == 0 {
                return Err(StoreError::Conflict { expected: 0 });
            }
            Ok(())
        })
        .await
    }
}

fn pairs(rows: &[Row]) -> Result<Vec<(String, i64)>, StoreError> {
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

pub(super) fn stored_request(r: &Row) -> Result<StoredRequest, StoreError> {
    Ok(StoredRequest {
        id: r.try_get(0)?,
        number: small(r.try_get(1)?)?,
        guild_id: id(r.try_get(2)?)?,
        user_id: id(r.try_get(3)?)?,
        character_name: r.try_get(4)?,
        profession: r.try_get(5)?,
        gear_slot: r.try_get(6)?,
        item: r.try_get(7)?,
        quantity: small(r.try_get(8)?)?,
        quantity_completed: small(r.try_get(9)?)?,
        notes: r.try_get(10)?,
        material_plan: r.try_get(11)?,
        materials_json: r.try_get(12)?,
        status: status(r.try_get(13)?)?,
        claimed_by: optional_id(r.try_get(14)?)?,
        board_message_id: optional_id(r.try_get(15)?)?,
        created_at: Timestamp::from_millis(r.try_get(16)?),
        reason: r.try_get(17)?,
    })
}

/// Serialises submissions of one member (guild, user) until the transaction ends.
const LOCK_MEMBER: &str =
    "SELECT pg_advisory_xact_lock(hashtextextended('submit:' || $1::BIGINT || ':' || $2::BIGINT, 0))";

/// Takes the guild's next number (1, 2, 3, ... per guild: the upsert locks the guild's row
/// until the commit, so no number is handed out twice), stores the request and appends its
/// `created` event; returns the request's id and number.
const STORE_REQUEST: &str = "WITH numbered AS (\
     INSERT INTO guild_state (guild_id, next_request_number) VALUES ($1::BIGINT, 2) \
     ON CONFLICT (guild_id) DO UPDATE SET next_request_number = guild_state.next_request_number + 1 \
     RETURNING next_request_number - 1 AS number), \
     stored AS (INSERT INTO requests (guild_id, number, user_id, character_id, character_name, profession, gear_slot, \
     item, quantity, notes, material_plan, materials_json, status, created_at, updated_at, session_key) \
     SELECT $1::BIGINT, number, $2::BIGINT, $3::BIGINT, $4::TEXT, $5::TEXT, $6::TEXT, $7::TEXT, $8::BIGINT, $9::TEXT, \
     $10::TEXT, $11::TEXT, 'open', $12::BIGINT, $12::BIGINT, $13::TEXT FROM numbered RETURNING id, number), \
     created AS (INSERT INTO request_events (request_id, actor_id, action, note, at) \
     SELECT id, $2::BIGINT, 'created', NULL, $12::BIGINT FROM stored) \
     SELECT id, number FROM stored";

/// Cancels every request matching `filter` (a WHERE clause over `requests` using `$1` ..
/// `$n` for `params`) and appends an event for each, in one statement; returns their
/// numbers.
pub(super) async fn cancel_where(
    tx: &impl GenericClient,
    filter: &str,
    params: &[&(dyn ToSql + Sync)],
    actor: Snowflake,
    reason: &str,
    now: Timestamp,
) -> Result<Vec<u32>, StoreError> {
    let (reason_at, now_at, actor_at) = (params.len() + 1, params.len() + 2, params.len() + 3);
    let stmt = tx
        .prepare_cached(&format!(
            "WITH cancelled AS (UPDATE requests SET status = 'cancelled', reason = ${reason_at}::TEXT, \
             updated_at = ${now_at}::BIGINT WHERE {filter} RETURNING id, number), \
             recorded AS (INSERT INTO request_events (request_id, actor_id, action, note, at) \
             SELECT id, ${actor_at}::BIGINT, 'cancelled', ${reason_at}::TEXT, ${now_at}::BIGINT FROM cancelled) \
             SELECT number FROM cancelled"
        ))
        .await?;
    let (millis, actor) = (now.as_millis(), actor.as_i64());
    let mut all: Vec<&(dyn ToSql + Sync)> = params.to_vec();
    all.extend([&reason as &(dyn ToSql + Sync), &millis, &actor]);
    let rows = tx.query(&stmt, &all).await?;
    rows.iter().map(|row| small(row.try_get(0)?)).collect()
}
