//! Each guild's settings as its admins set them in Discord (`/setup`), every change to
//! them, and the profession catalogs its officers upload. The store keeps the settings as
//! JSON text it does not read: what they mean is the adapter's business.
//!
//! Saving is a compare-and-swap on the settings' version: of two admins saving at once,
//! one wins and the other gets [`StoreError::Conflict`] with nothing changed. The changes
//! are recorded in the same transaction as the save.

use super::{on_backend, Store, StoreError};
use crate::domain::{Snowflake, Timestamp};

/// A guild's stored settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSettings {
    pub guild_id: Snowflake,
    pub settings_json: String,
    /// 1 for the first save, one more at each save after.
    pub version: i64,
    pub updated_at: Timestamp,
    pub updated_by: Snowflake,
}

/// One setting changed by a save: its name, and its value before and after, as shown to
/// admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingChange {
    pub setting: String,
    pub before: String,
    pub after: String,
}

/// One recorded change: who made it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedSettingChange {
    pub user_id: Snowflake,
    pub changed_at: Timestamp,
    pub change: SettingChange,
}

/// A profession's catalog uploaded for a guild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCatalog {
    pub profession: String,
    pub catalog_json: String,
    pub uploaded_at: Timestamp,
    pub uploaded_by: Snowflake,
}

/// Statements both backends share but for the parameter markers (`?N` → `$N` on PostgreSQL).
pub(super) mod sql {
    pub const SELECT_SETTINGS: &str =
        "SELECT guild_id, settings_json, version, updated_at, updated_by FROM guild_settings";
    pub const INSERT_FIRST: &str =
        "INSERT INTO guild_settings (guild_id, settings_json, version, updated_at, updated_by) \
         VALUES (?1, ?2, 1, ?3, ?4) ON CONFLICT (guild_id) DO NOTHING";
    pub const UPDATE_IF_VERSION: &str =
        "UPDATE guild_settings SET settings_json = ?2, version = version + 1, updated_at = ?3, \
         updated_by = ?4 WHERE guild_id = ?1 AND version = ?5";
    pub const INSERT_CHANGE: &str =
        "INSERT INTO guild_settings_changes (guild_id, user_id, changed_at, setting, before_value, after_value) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    pub const SELECT_CHANGES: &str =
        "SELECT user_id, changed_at, setting, before_value, after_value FROM guild_settings_changes \
         WHERE guild_id = ?1 ORDER BY id DESC LIMIT ?2";
    pub const UPSERT_CATALOG: &str =
        "INSERT INTO guild_catalogs (guild_id, profession, catalog_json, uploaded_at, uploaded_by) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (guild_id, profession) DO UPDATE SET \
         catalog_json = excluded.catalog_json, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by";
    pub const SELECT_CATALOGS: &str =
        "SELECT profession, catalog_json, uploaded_at, uploaded_by FROM guild_catalogs \
         WHERE guild_id = ?1 ORDER BY profession";
    pub const DELETE_CATALOG: &str =
        "DELETE FROM guild_catalogs WHERE guild_id = ?1 AND profession = ?2";

    /// `sql` with PostgreSQL's parameter markers.
    pub fn pg(sql: &str) -> String {
        let mut out = sql.to_owned();
        for n in (1..=9).rev() {
            out = out.replace(&format!("?{n}"), &format!("${n}"));
        }
        out
    }
}

impl Store {
    /// A guild's settings, or `None` if nobody has set it up in Discord.
    pub async fn guild_settings(
        &self,
        guild: Snowflake,
    ) -> Result<Option<StoredSettings>, StoreError> {
        on_backend!(self, db => db.guild_settings(Some(guild))).map(|mut all| all.pop())
    }

    /// Every guild's settings (to serve them all from startup on).
    pub async fn all_guild_settings(&self) -> Result<Vec<StoredSettings>, StoreError> {
        on_backend!(self, db => db.guild_settings(None))
    }

    /// Saves `settings_json` for `guild` if its settings are still at `expected_version`
    /// (0: not saved yet), recording `changes` as made by `by` at `now`, all at once.
    /// Returns the new version; [`StoreError::Conflict`] if someone saved in between.
    pub async fn save_guild_settings(
        &self,
        guild: Snowflake,
        expected_version: i64,
        settings_json: String,
        changes: Vec<SettingChange>,
        by: Snowflake,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        on_backend!(self, db => db.save_guild_settings(guild, expected_version, settings_json, changes, by, now))
    }

    /// The latest `limit` changes to a guild's settings, newest first.
    pub async fn settings_changes(
        &self,
        guild: Snowflake,
        limit: u32,
    ) -> Result<Vec<RecordedSettingChange>, StoreError> {
        on_backend!(self, db => db.settings_changes(guild, limit))
    }

    /// Stores (or replaces) the catalog of `profession` for `guild`.
    pub async fn put_guild_catalog(
        &self,
        guild: Snowflake,
        catalog: StoredCatalog,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.put_guild_catalog(guild, catalog))
    }

    /// Removes the uploaded catalog of `profession` (the built-in one serves again);
    /// whether there was one.
    pub async fn delete_guild_catalog(
        &self,
        guild: Snowflake,
        profession: String,
    ) -> Result<bool, StoreError> {
        on_backend!(self, db => db.delete_guild_catalog(guild, profession))
    }

    /// The catalogs uploaded for `guild`, by profession.
    pub async fn guild_catalogs(&self, guild: Snowflake) -> Result<Vec<StoredCatalog>, StoreError> {
        on_backend!(self, db => db.guild_catalogs(guild))
    }
}
