//! Leases: a named piece of work held by one process until a time. Taking one is a single
//! conditional upsert, so of several processes racing exactly one holds it; the holder
//! renews it, and when the holder stops renewing (it died), another takes it over once it
//! has expired. [`HeldLease`] does the renewing for work that takes a while (creating a
//! member's channel) and gives the lease up when dropped.

use std::time::Duration;

use tokio::task::JoinHandle;

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
        name: impl Into<String>,
        holder: String,
        now: Timestamp,
        ttl: Duration,
    ) -> Result<bool, StoreError> {
        let until = now.saturating_add(ttl);
        let name = name.into();
        on_backend!(self, db => db.try_lease(name, holder, until, now))
    }

    /// Deletes the leases that ran out before `before`: what killed holders left behind
    /// (a holder that stops normally deletes its own). Returns how many.
    pub async fn prune_leases(&self, before: Timestamp) -> Result<usize, StoreError> {
        on_backend!(self, db => db.prune_leases(before))
    }

    /// Who holds lease `name` (or last held it: an expired lease keeps its row until it
    /// is taken or released), and until when; `None` when it is free.
    pub async fn lease_holder(
        &self,
        name: impl Into<String>,
    ) -> Result<Option<(String, Timestamp)>, StoreError> {
        let name = name.into();
        on_backend!(self, db => db.lease_holder(name))
    }

    /// Gives lease `name` up, if `holder` has it (on shutdown: another process may take
    /// it at once instead of waiting for it to expire).
    pub async fn release_lease(
        &self,
        name: impl Into<String>,
        holder: String,
    ) -> Result<(), StoreError> {
        let name = name.into();
        on_backend!(self, db => db.release_lease(name, holder))
    }
}

/// How often [`Store::wait_for_lease`] looks again while another holder has the lease.
const LEASE_POLL: Duration = Duration::from_millis(25);

/// A lease held until this is dropped: renewed in the background every third of its time
/// to live, given up on drop. If this process dies, the renewals stop and the lease runs
/// out, so another process takes it over.
pub struct HeldLease {
    store: Store,
    name: String,
    holder: String,
    renewal: JoinHandle<()>,
}

impl Store {
    /// Takes lease `name` for `holder`, waiting while another holder has it, up to
    /// `within`; `None` if it is still held by then.
    pub async fn wait_for_lease(
        &self,
        name: String,
        holder: String,
        ttl: Duration,
        within: Duration,
    ) -> Result<Option<HeldLease>, StoreError> {
        let deadline = tokio::time::Instant::now() + within;
        while !self
            .try_lease(name.clone(), holder.clone(), Timestamp::now(), ttl)
            .await?
        {
            if tokio::time::Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(LEASE_POLL).await;
        }
        let renewal = tokio::spawn({
            let (store, name, holder) = (self.clone(), name.clone(), holder.clone());
            async move {
                loop {
                    tokio::time::sleep(ttl / 3).await;
                    match store
                        .try_lease(name.clone(), holder.clone(), Timestamp::now(), ttl)
                        .await
                    {
                        Ok(true) => {}
                        Ok(false) => tracing::warn!(lease = %name, "lost a lease while holding it"),
                        Err(err) => tracing::warn!(%err, lease = %name, "cannot renew a lease"),
                    }
                }
            }
        });
        Ok(Some(HeldLease {
            store: self.clone(),
            name,
            holder,
            renewal,
        }))
    }
}

impl HeldLease {
    /// Gives the lease up now (dropping it does so in the background).
    pub async fn release(mut self) -> Result<(), StoreError> {
        self.renewal.abort();
        let name = std::mem::take(&mut self.name);
        let holder = std::mem::take(&mut self.holder);
        self.store.release_lease(name, holder).await
    }
}

impl Drop for HeldLease {
    fn drop(&mut self) {
        self.renewal.abort();
        if self.holder.is_empty() {
            return; // released already
        }
        let (store, name, holder) = (
            self.store.clone(),
            std::mem::take(&mut self.name),
            std::mem::take(&mut self.holder),
        );
        // Outside a runtime (at exit) the lease simply runs out.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if let Err(err) = store.release_lease(name.clone(), holder).await {
                    tracing::warn!(%err, lease = %name, "cannot release a lease; it will run out");
                }
            });
        }
    }
}
