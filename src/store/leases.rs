//! Leases: a named piece of work held by one process until a time. Taking one is a single
//! conditional upsert, so of several processes racing exactly one holds it; the holder
//! renews it, and when the holder stops renewing (it died), another takes it over once it
//! has expired.

use std::time::Duration;

use super::{on_backend, Store, StoreError};
use crate::domain::Timestamp;

/// Takes or renews a lease: inserts it, or updates it if the holder is the same or it has
/// expired; a row comes back only when the caller holds it now. The same SQL serves both
/// backends but for the parameter markers.
pub(super) const TRY_LEASE: &str =
    "INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3) \
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at \
     WHERE leases.holder = excluded.holder OR leases.expires_at <= ?4 \
     RETURNING holder";

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
        let until = now.saturating_add(ttl);
        on_backend!(self, db => db.try_lease(name, holder, until, now))
    }

    /// Gives lease `name` up, if `holder` has it (on shutdown: another process may take
    /// it at once instead of waiting for it to expire).
    pub async fn release_lease(
        &self,
        name: &'static str,
        holder: String,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.release_lease(name, holder))
    }
}
