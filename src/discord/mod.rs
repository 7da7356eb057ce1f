//! The serenity adapter: the only place serenity types appear.
//!
//! It turns gateway events into calls on the flows and the store, and the flows' replies
//! and effects into Discord calls.

mod board;
mod bot;
mod catalog;
mod client;
mod commands;
mod crafting;
mod flows;
mod gateway;
mod guilds;
mod handler;
mod handover;
mod locales;
mod members;
mod queue;
mod recovery;
mod reload;
mod render;
mod request_log;
mod respond;
mod rest;
mod setup;
mod sharding;
mod spaces;
mod startup;
mod upkeep;

pub use board::board_work;
pub use bot::Bot;
pub use client::{build_client, http_client, intents};
pub use gateway::GatewayProbe;
pub use guilds::{load_guilds, CatalogLoadError, GuildRuntime, GuildSource, Guilds};
pub use recovery::{flow_work, recover, run_periodically as recover_periodically, Recovered};
pub use reload::{reload, reload_file, reload_on_sighup};
pub use rest::{Lane, Rest};
pub use sharding::{plan as shard_plan, Plan as ShardPlan, Shards};
pub use spaces::{member_space, request_channel_name, space_lease, SpaceError};
pub use startup::{spawn as spawn_reconciliation, GuildSeen, Startup};
pub use upkeep::{
    reconcile, reconcile_guild, DiscordCleanup, Reconciled, SeenChannel, CLOCK_MARGIN,
};
