//! Which gateway shards this process runs, and how they start (issue 20 item 3).
//!
//! Discord lets `session_start_limit.max_concurrency` shards (`GET /gateway/bot`) identify
//! together: shard `i` is in bucket `i % max_concurrency`, and only one shard per bucket may
//! identify every 5 s. serenity 0.12's `ShardManager` ignores this: its queue waits 5 s
//! between any two shard starts (`WAIT_BETWEEN_BOOTS_IN_SECONDS`), so 4 shards take 15 s
//! to all connect. When every shard this process runs is in a bucket of its own, each gets
//! its own serenity `Client` (a `ShardManager` running one shard id of the total), and all
//! start at once; otherwise one `Client` runs them all at serenity's pace. Without
//! `[discord] shards`, the process runs the shard count Discord recommends (one per 1,000
//! guilds; Discord closes a shard over 2,500 guilds with 4011).

use std::sync::Arc;

use secrecy::SecretString;
use serenity::all::Client;
use serenity::gateway::ShardManager;

use super::bot::Bot;
use super::rest::{self, Lane};
use crate::config::{DiscordConfig, ShardRange};
use crate::pace::Priority;

/// The shards to run and whether they start together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub range: ShardRange,
    /// One client per shard, all identifying at once.
    pub together: bool,
}

impl Plan {
    /// `configured`: `[discord] shards` (else every shard of `recommended`);
    /// `max_concurrency`: how many shards Discord lets identify together.
    #[must_use]
    pub fn new(configured: Option<ShardRange>, recommended: u32, max_concurrency: u64) -> Self {
        let range = configured.unwrap_or_else(|| ShardRange::all(recommended.max(1)));
        let count = u64::from(range.end.saturating_sub(range.first));
        Self {
            range,
            // Consecutive shard ids fall in distinct buckets when there are no more of
            // them than buckets.
            together: count > 1 && count <= max_concurrency,
        }
    }
}

/// Asks Discord (`GET /gateway/bot`) for the recommended shard count and `max_concurrency`;
/// when it cannot be read, the configured range or one shard, at serenity's pace.
pub async fn plan(bot: &Bot, configured: Option<ShardRange>) -> Plan {
    let asked = bot
        .rest
        .call(
            rest::GATEWAY_BOT,
            Lane::Global(Priority::Urgent),
            bot.http.get_bot_gateway(),
        )
        .await;
    let plan = match asked {
        Ok(info) => Plan::new(
            configured,
            info.shards,
            info.session_start_limit.max_concurrency,
        ),
        Err(err) => {
            tracing::warn!(%err, "cannot read GET /gateway/bot; starting the shards one by one");
            Plan::new(configured, 1, 1)
        }
    };
    tracing::info!(
        shards = %plan.range,
        together = plan.together,
        "starting the gateway"
    );
    plan
}

/// The serenity clients that run this process's shards.
pub struct Shards {
    clients: Vec<(Client, u32)>,
    plan: Plan,
}

impl Shards {
    /// `first`: the client built with the bot; more are built (same bot, same handler) when
    /// the shards start together.
    pub async fn new(
        first: Client,
        plan: Plan,
        token: &SecretString,
        discord: &DiscordConfig,
        bot: &Arc<Bot>,
    ) -> Result<Self, super::client::BuildClientError> {
        let mut clients = vec![(first, plan.range.first)];
        if plan.together {
            for shard in plan.range.first + 1..plan.range.end {
                clients.push((
                    super::client::shard_client(token, discord, bot).await?,
                    shard,
                ));
            }
        }
        Ok(Self { clients, plan })
    }

    /// Every client's shard manager (health, shutdown).
    #[must_use]
    pub fn managers(&self) -> Vec<Arc<ShardManager>> {
        self.clients
            .iter()
            .map(|(c, _)| c.shard_manager.clone())
            .collect()
    }

    /// Connects every shard; returns when they have all stopped (or one client failed).
    pub async fn run(&mut self) -> serenity::Result<()> {
        let range = self.plan.range;
        if !self.plan.together {
            let (client, _) = &mut self.clients[0];
            // serenity's range end is the last shard, included.
            return client
                .start_shard_range(range.first..range.end - 1, range.total)
                .await;
        }
        let starts = self
            .clients
            .iter_mut()
            .map(|(client, shard)| client.start_shard(*shard, range.total));
        futures::future::try_join_all(starts).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_start_together_only_when_each_has_a_bucket_of_its_own() {
        let four = Plan::new(None, 4, 16);
        assert_eq!(four.range, ShardRange::all(4));
        assert!(four.together);
        assert!(
            !Plan::new(None, 4, 1).together,
            "max_concurrency 1: one by one"
        );
        assert!(
            !Plan::new(None, 17, 16).together,
            "more shards than buckets"
        );
        assert!(!Plan::new(None, 1, 16).together, "one shard: one client");
        assert_eq!(Plan::new(None, 0, 1).range, ShardRange::all(1));
        let configured = ShardRange::parse("2..4", 8).expect("valid");
        let plan = Plan::new(Some(configured), 1, 16);
        assert_eq!(plan.range, configured, "the configured range wins");
        assert!(plan.together);
    }
}
