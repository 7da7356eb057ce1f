//! A point in time as integer milliseconds since the Unix epoch, UTC.
//!
//! Flows and the cleanup logic get `now` passed in; only the edges read the clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    #[must_use]
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    #[must_use]
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// As Discord's timestamp markup (`<t:seconds:f>`): each reader sees their own time zone.
    #[must_use]
    pub fn discord_markup(self) -> String {
        format!("<t:{}:f>", self.0.div_euclid(1_000))
    }

    /// Reads the system clock. Call this at the edges only (handlers, tasks), never in flows.
    #[must_use]
    pub fn now() -> Self {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        Self(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
    }

    #[must_use]
    pub fn saturating_add(self, duration: Duration) -> Self {
        Self(self.0.saturating_add(duration_millis(duration)))
    }

    #[must_use]
    pub fn saturating_sub(self, duration: Duration) -> Self {
        Self(self.0.saturating_sub(duration_millis(duration)))
    }
}

fn duration_millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates_instead_of_wrapping() {
        let t = Timestamp::from_millis(1_000);
        assert_eq!(t.saturating_add(Duration::from_secs(2)).as_millis(), 3_000);
        assert_eq!(t.saturating_sub(Duration::from_secs(2)).as_millis(), -1_000);
        assert_eq!(
            Timestamp::from_millis(i64::MAX)
                .saturating_add(Duration::from_secs(1))
                .as_millis(),
            i64::MAX
        );
    }

    #[test]
    fn now_is_after_2020() {
        assert!(Timestamp::now().as_millis() > 1_577_836_800_000);
    }
}
