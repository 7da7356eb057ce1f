//! A member's registered character, as flows see it.

use serde::{Deserialize, Serialize};

/// The most characters one member may register in a guild (a select menu shows 25). The
/// register flow refuses the 26th, and the store's insert enforces it whatever the caller.
pub const MAX_CHARACTERS: usize = 25;

/// The limit a member reaches with [`MAX_CHARACTERS`].
pub const TOO_MANY_CHARACTERS: crate::domain::Limit = crate::domain::Limit::Characters {
    max: MAX_CHARACTERS,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Character {
    pub id: i64,
    pub name: String,
    pub main: bool,
    pub professions: Vec<String>,
}
