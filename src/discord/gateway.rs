//! Whether the gateway is connected, for `/healthz`: the event handler's view (READY,
//! RESUMED, shard stage changes, kept in [`GatewayStatus`]) and serenity's shard manager,
//! which drops a shard's runner while it cannot reconnect (no stage event says so).

use std::sync::Arc;

use futures::future::BoxFuture;
use serenity::gateway::{ConnectionStage, ShardManager};

use crate::health::{self, GatewayStatus};

pub struct GatewayProbe {
    status: Arc<GatewayStatus>,
    shards: Vec<Arc<ShardManager>>,
}

impl GatewayProbe {
    #[must_use]
    /// `shards`: every client's shard manager (one per shard when they start together).
    pub fn new(status: Arc<GatewayStatus>, shards: Vec<Arc<ShardManager>>) -> Self {
        Self { status, shards }
    }
}

impl health::GatewayProbe for GatewayProbe {
    fn connected(&self) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            if !self.status.is_connected() {
                return false;
            }
            for manager in &self.shards {
                let runners = manager.runners.lock().await;
                let connected = !runners.is_empty()
                    && runners
                        .values()
                        .all(|runner| runner.stage == ConnectionStage::Connected);
                if !connected {
                    return false;
                }
            }
            true
        })
    }
}
