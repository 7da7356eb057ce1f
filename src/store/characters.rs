//! `characters`: members' registered characters (unique names per member and guild, one
//! main per member).

use std::collections::HashMap;

use super::{on_backend, Store, StoreError};
use crate::domain::{Character, Snowflake, Timestamp};

/// A character to add or the new values of one being edited.
#[derive(Debug, Clone)]
pub struct CharacterInput {
    pub name: String,
    pub main: bool,
    pub professions: Vec<String>,
}

impl Store {
    /// A member's characters: the main first, then by name.
    pub async fn characters(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Vec<Character>, StoreError> {
        on_backend!(self, db => db.characters(guild, user))
    }

    /// Registers a character; a new main demotes the old one. A taken name is `Duplicate`.
    pub async fn add_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        input: CharacterInput,
        now: Timestamp,
    ) -> Result<Character, StoreError> {
        on_backend!(self, db => db.add_character(guild, user, input, now))
    }

    /// Edits a member's character (only their own).
    pub async fn update_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        id: i64,
        input: CharacterInput,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.update_character(guild, user, id, input))
    }

    /// Removes a member's character and cancels its pending requests; returns how many.
    pub async fn remove_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
        id: i64,
        now: Timestamp,
    ) -> Result<Vec<u32>, StoreError> {
        on_backend!(self, db => db.remove_character(guild, user, id, now))
    }

    /// Pending requests per character of a member.
    pub async fn pending_per_character(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<HashMap<i64, u32>, StoreError> {
        on_backend!(self, db => db.pending_per_character(guild, user))
    }
}
