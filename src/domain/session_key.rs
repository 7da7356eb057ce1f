//! The key of one request flow: `req_<userId>_<unixMillis>`.
//!
//! The key names the user who owns the flow, so a click can be checked against it
//! before any database access.

use std::fmt;

use super::{Snowflake, Timestamp};

/// The longest key: `req_` + 19 digits + `_` + 13 to 19 digits.
pub const MAX_SESSION_KEY_LEN: usize = 4 + 19 + 1 + 19;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SessionKey {
    user_id: Snowflake,
    millis: i64,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a session key: {0:?}")]
pub struct SessionKeyError(String);

impl SessionKey {
    #[must_use]
    pub fn new(user_id: Snowflake, at: Timestamp) -> Self {
        Self {
            user_id,
            millis: at.as_millis(),
        }
    }

    /// Parses `req_<userId>_<unixMillis>`, refusing anything else (including extra text).
    pub fn parse(text: &str) -> Result<Self, SessionKeyError> {
        let invalid = || SessionKeyError(text.chars().take(MAX_SESSION_KEY_LEN + 8).collect());
        if text.len() > MAX_SESSION_KEY_LEN {
            return Err(invalid());
        }
        let rest = text.strip_prefix("req_").ok_or_else(invalid)?;
        let (user, millis) = rest.split_once('_').ok_or_else(invalid)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(user) || !all_digits(millis) {
            return Err(invalid());
        }
        let user_id = user.parse::<Snowflake>().map_err(|_| invalid())?;
        let millis = millis.parse::<i64>().map_err(|_| invalid())?;
        Ok(Self { user_id, millis })
    }

    #[must_use]
    pub fn user_id(&self) -> Snowflake {
        self.user_id
    }

    #[must_use]
    pub fn millis(&self) -> i64 {
        self.millis
    }

    /// The next key of the same user, one millisecond later (used when a key is taken).
    #[must_use]
    pub fn next(&self) -> Self {
        Self {
            user_id: self.user_id,
            millis: self.millis.saturating_add(1),
        }
    }
}

impl fmt::Display for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "req_{}_{}", self.user_id, self.millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: u64) -> Snowflake {
        Snowflake::new(id).expect("non-zero id")
    }

    #[test]
    fn round_trips_through_text() {
        let key = SessionKey::new(
            user(123_456_789_012_345_678),
            Timestamp::from_millis(1_732_500_000_000),
        );
        let text = key.to_string();
        assert_eq!(text, "req_123456789012345678_1732500000000");
        assert_eq!(SessionKey::parse(&text), Ok(key));
    }

    #[test]
    fn refuses_malformed_keys() {
        for bad in [
            "",
            "req_",
            "req_1",
            "req_1_",
            "req__5",
            "req_0_5",
            "req_1_2_3",
            "rex_1_2",
            "req_1_-2",
            "req_１_2",
            "req_1_2 ",
            "req_99999999999999999999_1",
        ] {
            assert!(SessionKey::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let long = format!("req_1_{}", "9".repeat(200));
        assert!(SessionKey::parse(&long).is_err());
    }

    #[test]
    fn next_is_one_millisecond_later() {
        let key = SessionKey::new(user(7), Timestamp::from_millis(10));
        assert_eq!(key.next().to_string(), "req_7_11");
    }
}
