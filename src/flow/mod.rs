//! The pure centre of craftdesk: request flows as state machines.
//!
//! `step(state, input, context) → Transition { next, reply, effect }` does no I/O: it never
//! calls Discord or SQLite, never reads the clock. The Discord adapter turns its replies
//! into interaction responses and runs its effects. Nothing here imports serenity or SQL.

pub mod board;
pub mod catalog;
pub mod custom_id;
pub mod input;
pub mod limits;
pub mod queue;
pub mod refusal;
pub mod register;
pub mod request;
pub mod setup;
pub mod status;
pub mod step;
pub mod text;
pub mod ui;
