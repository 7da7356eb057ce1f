//! A member's registered character, as flows see it.

use serde::{Deserialize, Serialize};

/// The most characters one member may register in a guild (a select menu shows 25). The
/// register flow refuses the 26th, and the store's insert enforces it whatever the caller.
pub const MAX_CHARACTERS: usize = 25;

/// What a member is told when they already have [`MAX_CHARACTERS`].
#[must_use]
pub fn too_many_characters() -> String {
    format!(
        "You can register at most {MAX_CHARACTERS} characters. Remove one in My characters (/register), then try again."
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Character {
    pub id: i64,
    pub name: String,
    pub main: bool,
    pub professions: Vec<String>,
}
