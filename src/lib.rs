//! craftdesk: a Discord bot that runs guild request flows (crafting requests), each
//! isolated in its own session and private space. See `DESIGN.md` for the layout.

pub mod app;
pub mod backup;
pub mod catalog;
pub mod cleanup;
#[cfg(feature = "tools")]
pub mod cleanup_load;
pub mod cli;
pub mod config;
pub mod discord;
pub mod domain;
pub mod flow;
pub mod health;
pub mod i18n;
pub mod legacy;
#[cfg(feature = "tools")]
pub mod loadtest;
pub mod metrics;
pub mod ops_server;
pub mod pace;
pub mod retry;
#[cfg(feature = "tools")]
pub mod sandbox;
pub mod store;
pub mod telemetry;
