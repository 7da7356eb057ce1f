//! A local stand-in for Discord's v10 REST API and gateway, for end-to-end tests of Discord bots.
//!
//! The unmodified serenity client connects to it: with its rate limiter on, as in production,
//! through a reqwest client that resolves `discord.com` to [`Emulator::addr`] and trusts
//! [`Emulator::ca_certificate_pem`] (the emulator serves HTTPS and plain HTTP on one port), or
//! with `HttpBuilder::proxy(emu.api_base())` and the rate limiter off. Tests shape the world (guilds, roles, channels, members), drive scripted users
//! (slash commands, clicks, selects, modals) and read what the bot did (messages, the request log,
//! schema violations), with faults (429s, 5xx, latency, gateway reconnects) on demand.
//! [`Emulator::render_html`] shows the world as members saw it, as one HTML page.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use discord_emulator::{Emulator, EmulatorOptions};
//! use serde_json::json;
//! let emu = Emulator::start(EmulatorOptions { token: "test-token".into(), ..Default::default() }).await?;
//! let guild = emu.create_guild("Demo Guild").await;
//! emu.create_text_channel(guild, "general", None).await;
//! let alice = emu.add_member(guild, "alice", &[]).await;
//! // ... start the bot against emu.api_base() ...
//! let reply = alice.slash("request", json!([{"name": "item", "type": 3, "value": "x"}])).await?;
//! let next = reply.click_label("Confirm").await?;
//! assert!(next.text().contains("Submitted"));
//! assert!(emu.log().schema_violations().is_empty());
//! # Ok(()) }
//! ```

mod attachments;
mod emulator;
mod error;
mod faults;
mod gateway;
mod html;
mod inspect;
pub mod limits;
mod log;
mod model;
mod ratelimit;
mod rest;
mod schema;
mod scripted;
mod snowflake;
mod state;
mod tls;
mod world;

pub use emulator::{Emulator, EmulatorOptions};
pub use error::{Error, FieldError};
pub use faults::{Fault, FaultKind, Faults};
pub use gateway::intents;
pub use html::HtmlLimits;
pub use log::{LoggedCall, Mark, RequestLog};
pub use model::{channel_type, permissions, Channel, Message, Overwrite};
pub use ratelimit::{Bucket, RateLimits};
pub use schema::{response_violations, violations as schema_violations};
pub use scripted::{Choice, Reply, ReplyKind, ScriptedUser};
pub use snowflake::Snowflake;
