//! The emulator's own end-to-end tests: a real serenity 0.12 bot, raw REST calls and raw gateway sockets.
#![allow(
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    clippy::too_many_lines
)]

mod gateway;
mod rest;
mod serenity_bot;
mod support;
