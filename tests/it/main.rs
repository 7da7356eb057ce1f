//! craftdesk's end-to-end and contract tests: one binary, one module per capability.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backup;
mod cleanup;
mod cleanup_load;
mod cli;
mod crafting;
mod crash;
mod fuzz;
mod hardening;
mod html;
mod legacy;
mod loadtest;
mod member_views;
mod metrics;
mod migrate_store;
mod officers;
mod pacing;
mod postgres_flow;
mod request_flow;
mod sandbox;
mod scale_out;
mod setup;
mod shards;
mod shutdown;
mod store;
mod support;
