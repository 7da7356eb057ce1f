//! Whether craftdesk can do its work: the gateway is connected and the database answers.
//! `/healthz` (see `ops_server.rs`) reports it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;

use crate::store::Store;

/// How long `/healthz` waits for the database before calling it unhealthy.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

/// The gateway connection as the event handler last saw it.
#[derive(Debug, Default)]
pub struct GatewayStatus {
    connected: AtomicBool,
    readies: AtomicU64,
}

impl GatewayStatus {
    /// A READY arrived; returns whether it is a reconnect (not the first READY).
    pub fn ready(&self) -> bool {
        self.connected.store(true, Ordering::Release);
        self.readies.fetch_add(1, Ordering::AcqRel) > 0
    }

    /// A RESUMED arrived: connected again.
    pub fn resumed(&self) {
        self.connected.store(true, Ordering::Release);
    }

    /// The shard's connection stage changed; `connected` is whether it is now connected.
    pub fn stage_changed(&self, connected: bool) {
        self.connected.store(connected, Ordering::Release);
    }

    #[must_use]
    pub fn is_connected(&self) -> bool {
        self.connected.load(Ordering::Acquire)
    }
}

/// Answers "is the gateway connected?". The Discord side (`discord::GatewayProbe`) also
/// asks serenity's shard manager, which notices a shard that cannot reconnect.
pub trait GatewayProbe: Send + Sync {
    fn connected(&self) -> BoxFuture<'_, bool>;
}

impl GatewayProbe for GatewayStatus {
    fn connected(&self) -> BoxFuture<'_, bool> {
        Box::pin(std::future::ready(self.is_connected()))
    }
}

/// `Ok` when healthy, else a short reason ("gateway disconnected", "database: ...").
pub async fn check(gateway: &dyn GatewayProbe, store: &Store) -> Result<(), String> {
    if !gateway.connected().await {
        return Err("gateway disconnected".to_owned());
    }
    match tokio::time::timeout(DATABASE_TIMEOUT, store.version()).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(err)) => Err(format!("database: {err}")),
        Err(_) => Err(format!(
            "database: no answer within {} s",
            DATABASE_TIMEOUT.as_secs()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_ready_connects_and_later_ones_are_reconnects() {
        let status = GatewayStatus::default();
        assert!(!status.is_connected());
        assert!(!status.ready());
        assert!(status.is_connected());
        status.stage_changed(false);
        assert!(!status.is_connected());
        assert!(status.ready());
        status.stage_changed(false);
        status.resumed();
        assert!(status.is_connected());
    }
}
