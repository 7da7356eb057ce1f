//! Whether the gateway is connected, for `/healthz`: the event handler's view (READY,
//! RESUMED, shard stage changes, kept in [`GatewayStatus`]) and serenity's shard manager,
//! which drops a shard's runner while it cannot reconnect (no stage event says so).

use std::sync::Arc;

use futures::future::BoxFuture;
use serenity::gateway::{ConnectionStage, ShardManager};

use crate::health::{self, GatewayStatus};

pub struct GatewayProbe {
    status: Arc<GatewayStatus>,
    shards: Arc<ShardManager>,
}

impl GatewayProbe {
    #[must_use]
    pub fn new(status: Arc<GatewayStatus>, shards: Arc<ShardManager>) -> Self {
        Self { status, shards }
    }
}

impl health::GatewayProbe for GatewayProbe {
    fn connected(&self) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            if !self.status.is_connected() {
                return false;
            }
            let runners = self.shards.runners.lock().await;
            !runners.is_empty()
                && runners
                    .values()
                    .all(|runner| runner.stage == ConnectionStage::Connected)
        })
    }
}
