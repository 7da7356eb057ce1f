//! A Discord id (snowflake): a non-zero 64-bit integer that Discord writes as a string.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Timestamp;

/// Discord's epoch, 2015-01-01T00:00:00Z, in Unix milliseconds: the top 42 bits of an id
/// count the milliseconds since it, when Discord made the id.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

/// A Discord id. Parsed from digits or an integer; zero is never a valid id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Snowflake(u64);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SnowflakeError {
    #[error("a Discord id must be a positive whole number written with digits only, got {0:?}")]
    NotDigits(String),
    #[error("a Discord id cannot be 0")]
    Zero,
    #[error("a Discord id must fit in 63 bits, got {0}")]
    TooLarge(u64),
}

impl Snowflake {
    /// Builds an id from an integer, refusing 0 and values SQLite cannot store.
    pub fn new(value: u64) -> Result<Self, SnowflakeError> {
        match value {
            0 => Err(SnowflakeError::Zero),
            v if i64::try_from(v).is_err() => Err(SnowflakeError::TooLarge(v)),
            v => Ok(Self(v)),
        }
    }

    /// An id Discord gave us (never 0, always below 2⁶³); out-of-range values are clamped
    /// rather than trusted.
    #[must_use]
    pub const fn from_discord(value: u64) -> Self {
        let max = i64::MAX.unsigned_abs();
        Self(if value == 0 {
            1
        } else if value > max {
            max
        } else {
            value
        })
    }

    #[must_use]
    pub fn get(self) -> u64 {
        self.0
    }

    /// When Discord made this id (the thing it names: a channel's creation, a message's
    /// sending), to the millisecond.
    #[must_use]
    pub fn created_at(self) -> Timestamp {
        Timestamp::from_millis(DISCORD_EPOCH_MS + i64::try_from(self.0 >> 22).unwrap_or(0))
    }

    /// The id as SQLite's INTEGER (ids are checked to fit in 63 bits).
    #[must_use]
    pub fn as_i64(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }

    /// Reads an id back from SQLite's INTEGER.
    pub fn from_i64(value: i64) -> Result<Self, SnowflakeError> {
        u64::try_from(value)
            .map_err(|_| SnowflakeError::NotDigits(value.to_string()))
            .and_then(Self::new)
    }
}

impl FromStr for Snowflake {
    type Err = SnowflakeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SnowflakeError::NotDigits(text.to_owned()));
        }
        let value: u64 = trimmed
            .parse()
            .map_err(|_| SnowflakeError::NotDigits(text.to_owned()))?;
        Self::new(value)
    }
}

impl fmt::Display for Snowflake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Snowflake {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Snowflake {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SnowflakeVisitor;

        impl Visitor<'_> for SnowflakeVisitor {
            type Value = Snowflake;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Discord id (a string of digits or an integer)")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Snowflake, E> {
                Snowflake::new(v).map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Snowflake, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(SnowflakeError::NotDigits(v.to_string())))
                    .and_then(|v| Snowflake::new(v).map_err(E::custom))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Snowflake, E> {
                v.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_any(SnowflakeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_tells_when_discord_made_it() {
        // Discord's documented example: 175928847299117063 was made 2016-04-30 11:18:25.796 UTC.
        let id = Snowflake::from_discord(175_928_847_299_117_063);
        assert_eq!(id.created_at().as_millis(), 1_462_015_105_796);
        assert_eq!(
            Snowflake::from_discord(1).created_at().as_millis(),
            DISCORD_EPOCH_MS
        );
    }

    #[test]
    fn parses_digits_and_refuses_everything_else() {
        assert_eq!("123".parse::<Snowflake>().map(Snowflake::get), Ok(123));
        assert_eq!("0".parse::<Snowflake>(), Err(SnowflakeError::Zero));
        assert!("12a".parse::<Snowflake>().is_err());
        assert!("".parse::<Snowflake>().is_err());
        assert!("-5".parse::<Snowflake>().is_err());
        assert!("99999999999999999999999".parse::<Snowflake>().is_err());
        assert!(matches!(
            Snowflake::new(u64::MAX),
            Err(SnowflakeError::TooLarge(_))
        ));
    }

    #[test]
    fn deserializes_from_string_or_integer() {
        #[derive(Deserialize)]
        struct Holder {
            a: Snowflake,
            b: Snowflake,
        }
        let h: Holder = toml::from_str("a = \"42\"\nb = 43").expect("valid ids");
        assert_eq!((h.a.get(), h.b.get()), (42, 43));
        assert!(toml::from_str::<Holder>("a = \"x\"\nb = 1").is_err());
    }
}
