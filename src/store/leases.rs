//! Leases: a named piece of work held by one process until a time. Taking one is a single
//! conditional upsert, so of several processes racing exactly one holds it; the holder
//! renews it, and when the holder stops renewing (it died), another takes it over once it
//! has expired.

use std::time::Duration;

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};
use crate::domain::Timestamp;

impl Store {
    /// Takes or renews lease `name` for `holder` until `now + ttl`; `false` when another
    /// holder has it and it has not expired.
    pub async fn try_lease(
        &self,
        name: &'static str,
        holder: String,
        now: Timestamp,
        ttl: Duration,
    ) -> Result<bool, StoreError> {
        let until = now.saturating_add(ttl).as_millis();
        self.write("try_lease", move |conn| {
            let taken: Option<String> = conn
                .prepare_cached(
                    "INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at \
                     WHERE leases.holder = excluded.holder OR leases.expires_at <= ?4 \
                     RETURNING holder",
                )?
                .query_row(params![name, holder, until, now.as_millis()], |r| r.get(0))
                .optional()?;
            Ok(taken.is_some())
        })
        .await
    }

    /// Gives lease `name` up, if `holder` has it (on shutdown: another process may take
    /// it at once instead of waiting for it to expire).
    pub async fn release_lease(
        &self,
        name: &'static str,
        holder: String,
    ) -> Result<(), StoreError> {
        self.write("release_lease", move |conn| {
            conn.prepare_cached("DELETE FROM leases WHERE name = ?1 AND holder = ?2")?
                .execute(params![name, holder])?;
            Ok(())
        })
        .await
    }
}
