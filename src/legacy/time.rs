//! The Profession-Request bot's timestamps → integer milliseconds since the Unix epoch.
//!
//! It wrote two text formats, both UTC: SQLite's `CURRENT_TIMESTAMP`
//! (`2024-05-01 12:00:00`) and JavaScript's `toISOString()` (`2024-05-01T12:00:00.000Z`).
//! Integers (and digit strings) are read as Unix seconds when small enough to be a date
//! before the year 5000, else as milliseconds. A text time without a zone is UTC, as
//! SQLite writes it; an explicit `+02:00` offset is honoured.

use chrono::{NaiveDate, NaiveTime};

/// Below this an integer is taken for seconds (10¹¹ s is in the year 5138; 10¹¹ ms is 1973).
const SECONDS_LIMIT: i64 = 100_000_000_000;

/// Parses a legacy timestamp; `None` when it is empty or not one of the known forms.
#[must_use]
pub fn parse_legacy_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(number) = text.parse::<i64>() {
        return Some(epoch_number_to_millis(number));
    }
    parse_date_time(text)
}

/// An integer timestamp (seconds or milliseconds, see [`SECONDS_LIMIT`]) in milliseconds.
#[must_use]
pub fn epoch_number_to_millis(number: i64) -> i64 {
    if number.abs() < SECONDS_LIMIT {
        number.saturating_mul(1_000)
    } else {
        number
    }
}

/// `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[.fraction]]`, then
/// optionally `Z`, ` UTC` or a `±HH:MM` / `±HHMM` offset.
fn parse_date_time(text: &str) -> Option<i64> {
    let mut cursor = Cursor(text.as_bytes());
    let year = cursor.digits(4)?;
    cursor.expect(b'-')?;
    let month = cursor.digits(2)?;
    cursor.expect(b'-')?;
    let day = cursor.digits(2)?;
    let (mut hour, mut minute, mut second, mut millis) = (0, 0, 0, 0);
    if cursor.eat(b'T') || cursor.eat(b't') || cursor.eat(b' ') {
        hour = cursor.digits(2)?;
        cursor.expect(b':')?;
        minute = cursor.digits(2)?;
        if cursor.eat(b':') {
            second = cursor.digits(2)?;
            if cursor.eat(b'.') || cursor.eat(b',') {
                millis = cursor.fraction_millis()?;
            }
        }
    }
    let offset_minutes = cursor.zone()?;
    if !cursor.0.is_empty() {
        return None;
    }
    if !(hour < 24 && minute < 60 && second < 61) {
        return None;
    }
    // chrono checks the calendar (month lengths, leap years) and counts the days.
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )?;
    let midnight = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    let seconds = midnight + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn eat(&mut self, byte: u8) -> bool {
        match self.0.split_first() {
            Some((first, rest)) if *first == byte => {
                self.0 = rest;
                true
            }
            _ => false,
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize) -> Option<i64> {
        let head = self.0.get(..count)?;
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = &self.0[count..];
        Some(head.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    }

    /// One or more digits of a fraction of a second, kept to the millisecond.
    fn fraction_millis(&mut self) -> Option<i64> {
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let digits = &self.0[..count];
        self.0 = &self.0[count..];
        let millis = (0..3).fold(0, |n, i| {
            n * 10 + digits.get(i).map_or(0, |d| i64::from(d - b'0'))
        });
        Some(millis)
    }

    /// The zone, as minutes east of UTC; no zone is UTC.
    fn zone(&mut self) -> Option<i64> {
        if self.eat(b'Z') || self.eat(b'z') || self.0.is_empty() {
            return Some(0);
        }
        if self.0.eq_ignore_ascii_case(b" utc") {
            self.0 = &[];
            return Some(0);
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.eat(b'-') {
            -1
        } else {
            return None;
        };
        let hours = self.digits(2)?;
        self.eat(b':');
        let minutes = self.digits(2)?;
        (hours < 24 && minutes < 60).then_some(sign * (hours * 60 + minutes))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// 2024-05-01T12:00:00Z, checked with `date -u -d @1714564800`.
    const MAY_FIRST_NOON: i64 = 1_714_564_800_000;

    #[test]
    fn both_text_formats_of_the_legacy_bot_parse_to_the_same_instant() {
        assert_eq!(
            parse_legacy_time("2024-05-01 12:00:00"),
            Some(MAY_FIRST_NOON)
        );
        assert_eq!(
            parse_legacy_time("2024-05-01T12:00:00.000Z"),
            Some(MAY_FIRST_NOON)
        );
        assert_eq!(
            parse_legacy_time("2024-05-01T12:00:00.250Z"),
            Some(MAY_FIRST_NOON + 250)
        );
        assert_eq!(
            parse_legacy_time(" 2024-05-01T12:00:00.2Z "),
            Some(MAY_FIRST_NOON + 200)
        );
        assert_eq!(
            parse_legacy_time("2024-05-01T12:00:00.123456Z"),
            Some(MAY_FIRST_NOON + 123)
        );
    }

    #[test]
    fn variants_are_accepted_liberally() {
        assert_eq!(
            parse_legacy_time("2024-05-01T12:00:00"),
            Some(MAY_FIRST_NOON)
        );
        assert_eq!(parse_legacy_time("2024-05-01 12:00"), Some(MAY_FIRST_NOON));
        assert_eq!(
            parse_legacy_time("2024-05-01 12:00:00 UTC"),
            Some(MAY_FIRST_NOON)
        );
        assert_eq!(
            parse_legacy_time("2024-05-01T14:00:00+02:00"),
            Some(MAY_FIRST_NOON)
        );
        assert_eq!(
            parse_legacy_time("2024-05-01T07:30:00-0430"),
            Some(MAY_FIRST_NOON)
        );
        assert_eq!(
            parse_legacy_time("2024-05-01"),
            Some(MAY_FIRST_NOON - 12 * 3_600_000)
        );
    }

    #[test]
    fn integers_are_seconds_or_milliseconds() {
        assert_eq!(parse_legacy_time("1714564800"), Some(MAY_FIRST_NOON));
        assert_eq!(parse_legacy_time("1714564800000"), Some(MAY_FIRST_NOON));
        assert_eq!(epoch_number_to_millis(1_714_564_800), MAY_FIRST_NOON);
        assert_eq!(epoch_number_to_millis(MAY_FIRST_NOON), MAY_FIRST_NOON);
    }

    #[test]
    fn calendar_edges_are_right() {
        assert_eq!(parse_legacy_time("1970-01-01 00:00:00"), Some(0));
        assert_eq!(parse_legacy_time("1969-12-31T23:59:59.000Z"), Some(-1_000));
        assert_eq!(
            parse_legacy_time("2024-02-29 00:00:00"),
            Some(1_709_164_800_000)
        );
        assert_eq!(
            parse_legacy_time("2000-03-01T00:00:00Z"),
            Some(951_868_800_000)
        );
        assert_eq!(
            parse_legacy_time("2025-12-31 23:59:59"),
            Some(1_767_225_599_000)
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "   ",
            "yesterday",
            "2024-5-1 12:00:00",
            "2024-02-30 12:00:00",
            "2023-02-29 12:00:00",
            "2024-13-01 12:00:00",
            "2024-05-01 24:00:00",
            "2024-05-01 12:60:00",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00Zjunk",
            "2024-05-01T12:00:00+25:00",
            "01/05/2024",
        ] {
            assert_eq!(parse_legacy_time(bad), None, "{bad:?}");
        }
    }
}
