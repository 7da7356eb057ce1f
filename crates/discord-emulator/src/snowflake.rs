//! Snowflake ids with a realistic timestamp part, and the ISO 8601 timestamps Discord puts next to them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch of Discord's epoch (2015-01-01).
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// A snowflake id (what Discord sends as a string of digits).
pub type Snowflake = u64;

/// Hands out unique, increasing snowflakes whose upper bits are the current time.
#[derive(Debug, Default)]
pub(crate) struct Snowflakes {
    last: AtomicU64,
}

impl Snowflakes {
    /// The next id: the current millisecond, or one past the last id if that is later.
    pub(crate) fn next(&self) -> Snowflake {
        self.next_after(|last| last + 1)
    }

    /// The next id in a millisecond of its own (so ids spread over shards: `(id >> 22) % n`).
    pub(crate) fn next_in_new_millisecond(&self) -> Snowflake {
        self.next_after(|last| ((last >> 22) + 1) << 22)
    }

    fn next_after(&self, after_last: impl Fn(u64) -> u64) -> Snowflake {
        let now = (now_unix_ms().saturating_sub(DISCORD_EPOCH_MS)) << 22;
        let mut last = self.last.load(Ordering::Relaxed);
        loop {
            let next = now.max(after_last(last));
            match self
                .last
                .compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return next,
                Err(actual) => last = actual,
            }
        }
    }
}

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The creation time of a snowflake as ISO 8601, e.g. `2026-11-25T14:23:49.123000+00:00`.
pub(crate) fn timestamp_of(id: Snowflake) -> String {
    iso8601((id >> 22) + DISCORD_EPOCH_MS)
}

/// The current time as ISO 8601.
pub(crate) fn now_iso8601() -> String {
    iso8601(now_unix_ms())
}

/// Formats milliseconds since the Unix epoch as Discord does.
pub(crate) fn iso8601(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let millis = unix_ms % 1000;
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}000+00:00",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_increase_and_carry_the_time() {
        let ids = Snowflakes::default();
        let a = ids.next();
        let b = ids.next();
        assert!(b > a);
        let c = ids.next_in_new_millisecond();
        assert!(c >> 22 > b >> 22);
        assert!(timestamp_of(a).starts_with("20"));
    }

    #[test]
    fn formats_iso8601() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000000+00:00");
        assert_eq!(
            iso8601(1_732_500_000_123),
            "2024-11-25T02:00:00.123000+00:00"
        );
    }
}
