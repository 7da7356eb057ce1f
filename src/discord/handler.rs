//! The gateway event handler.

use serenity::all::{Context, EventHandler, Ready};
use serenity::async_trait;

use crate::store::Store;

pub struct Handler {
    #[allow(dead_code)] // read by the flows the next issues route here
    store: Store,
}

impl Handler {
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        tracing::info!(
            bot = %ready.user.name,
            guilds = ready.guilds.len(),
            shard = ?ready.shard.map(|s| s.id.0),
            "connected to the gateway"
        );
    }
}
