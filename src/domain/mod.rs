//! Small value types shared by every layer: Discord ids, timestamps and session keys.
//!
//! They carry no I/O and no serenity or SQL types, so `flow`, `store` and `discord`
//! can all speak them.

mod session_key;
mod snowflake;
mod timestamp;

pub use session_key::{SessionKey, SessionKeyError};
pub use snowflake::{Snowflake, SnowflakeError};
pub use timestamp::Timestamp;
