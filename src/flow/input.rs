//! What members type, parsed into types that cannot hold a bad value.
//!
//! Parse, don't validate: a `Quantity` is 1–1,000, a `CharacterName` is trimmed, 2–32
//! characters without control characters or `:`; `Notes` are at most 1,000 characters.
//! Each error is the sentence the member sees, as a [`Msg`] (worded in their language
//! where it is shown).

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::msg;

pub const MAX_QUANTITY: u32 = 1_000;
pub const MAX_NOTES_CHARS: usize = 1_000;
pub const MIN_NAME_CHARS: usize = 2;
pub const MAX_NAME_CHARS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quantity(u32);

impl Quantity {
    pub fn parse(text: &str) -> Result<Self, Msg> {
        let trimmed = text.trim();
        let value: u32 = trimmed
            .replace([',', '_'], "")
            .parse()
            .map_err(|_| msg!("request-invalid-quantity-number", max = MAX_QUANTITY))?;
        Self::try_from(value)
    }

    #[must_use]
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Quantity {
    type Error = Msg;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        if (1..=MAX_QUANTITY).contains(&value) {
            Ok(Self(value))
        } else {
            Err(msg!("request-invalid-quantity-range", max = MAX_QUANTITY))
        }
    }
}

impl From<Quantity> for u32 {
    fn from(q: Quantity) -> Self {
        q.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CharacterName(String);

impl CharacterName {
    /// Trims the name, collapses its spaces and drops bidirectional controls (invisible,
    /// they would let two names look alike or reorder the text around the name).
    pub fn parse(text: &str) -> Result<Self, Msg> {
        let visible: String = text
            .chars()
            .filter(|c| !super::text::is_bidi_control(*c))
            .collect();
        let collapsed = visible.split_whitespace().collect::<Vec<_>>().join(" ");
        let count = collapsed.chars().count();
        if !(MIN_NAME_CHARS..=MAX_NAME_CHARS).contains(&count) {
            return Err(msg!(
                "request-invalid-name-length",
                min = MIN_NAME_CHARS,
                max = MAX_NAME_CHARS
            ));
        }
        if collapsed.chars().any(|c| c.is_control() || c == ':') {
            return Err(msg!("request-invalid-name-chars"));
        }
        Ok(Self(collapsed))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two names are compared in (names are unique per member, case-insensitive).
    #[must_use]
    pub fn folded(&self) -> String {
        self.0.to_lowercase()
    }
}

impl TryFrom<String> for CharacterName {
    type Error = Msg;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CharacterName> for String {
    fn from(name: CharacterName) -> Self {
        name.0
    }
}

/// Free-text notes for the crafter; empty is fine.
pub fn parse_notes(text: &str) -> Result<String, Msg> {
    let trimmed = text.trim();
    let count = trimmed.chars().count();
    if count > MAX_NOTES_CHARS {
        return Err(msg!(
            "request-invalid-notes-length",
            max = MAX_NOTES_CHARS,
            count = count
        ));
    }
    Ok(trimmed
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect())
}

/// How much of one material the member provides: 0 up to what is needed.
pub fn parse_amount(text: &str, material: &str, needed: u32) -> Result<u32, Msg> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(0);
    }
    match trimmed.parse::<u32>() {
        Ok(value) if value <= needed => Ok(value),
        _ => Err(msg!(
            "request-invalid-amount",
            material = material,
            needed = needed
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_bounded() {
        assert_eq!(Quantity::parse(" 12 ").map(Quantity::get), Ok(12));
        assert_eq!(Quantity::parse("1,000").map(Quantity::get), Ok(1_000));
        for bad in ["0", "1001", "-1", "two", "", "1.5", "99999999999999"] {
            assert!(Quantity::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_collapsed_and_bounded() {
        assert_eq!(
            CharacterName::parse("  Zoë   the  Bold ").map(|n| n.as_str().to_owned()),
            Ok("Zoë the Bold".to_owned())
        );
        assert!(CharacterName::parse("a").is_err());
        assert!(CharacterName::parse(&"x".repeat(33)).is_err());
        assert!(CharacterName::parse(&"x".repeat(4_000)).is_err());
        assert!(CharacterName::parse("Bad::Name").is_err());
        assert!(CharacterName::parse("tab\u{7}bell").is_err());
        assert!(CharacterName::parse("🐉🐉").is_ok());
        assert_eq!(
            CharacterName::parse("ABC").expect("valid").folded(),
            CharacterName::parse("abc").expect("valid").folded()
        );
    }

    /// Issue 14, item 9j: direction overrides and marks never reach a stored name.
    #[test]
    fn names_lose_their_bidi_controls() {
        let name = CharacterName::parse("\u{202e}Zoë\u{2066} the\u{200f} Bold\u{061c}")
            .expect("valid once the controls are gone");
        assert_eq!(name.as_str(), "Zoë the Bold");
        assert_eq!(
            CharacterName::parse("Bob\u{200e}").expect("valid").folded(),
            CharacterName::parse("bob").expect("valid").folded(),
            "a mark cannot make a second Bob"
        );
        assert!(
            CharacterName::parse("\u{202e}\u{202d}a").is_err(),
            "too short once stripped"
        );
    }

    #[test]
    fn notes_and_amounts_are_bounded() {
        assert_eq!(parse_notes("  hi  "), Ok("hi".to_owned()));
        assert!(parse_notes(&"n".repeat(1_000)).is_ok());
        let err = parse_notes(&"🐉".repeat(4_000))
            .expect_err("too long")
            .english();
        assert!(err.contains("4000"), "{err}");
        assert_eq!(
            err,
            "Notes can be at most 1000 characters (you wrote 4000). Shorten them and try again."
        );
        assert_eq!(parse_amount("", "Dust", 5), Ok(0));
        assert_eq!(parse_amount("5", "Dust", 5), Ok(5));
        assert!(parse_amount("6", "Dust", 5).is_err());
        assert!(parse_amount("x", "Dust", 5).is_err());
    }
}
