//! A member's registered character, as flows see it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Character {
    pub id: i64,
    pub name: String,
    pub main: bool,
    pub professions: Vec<String>,
}
