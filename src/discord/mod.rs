//! The serenity adapter: the only place serenity types appear.
//!
//! It turns gateway events into calls on the flows and the store, and the flows' effects
//! into Discord calls.

mod client;
mod handler;

pub use client::{build_client, http_client};
