//! Small value types shared by every layer: Discord ids, timestamps and session keys.
//!
//! They carry no I/O and no serenity or SQL types, so `flow`, `store` and `discord`
//! can all speak them.

mod character;
mod limit;
mod request;
mod session_key;
mod snowflake;
mod timestamp;

pub use character::{Character, MAX_CHARACTERS, TOO_MANY_CHARACTERS};
pub use limit::Limit;
pub use request::{RequestStatus, RequestSummary};
pub use session_key::{SessionKey, SessionKeyError};
pub use snowflake::{Snowflake, SnowflakeError};
pub use timestamp::Timestamp;
