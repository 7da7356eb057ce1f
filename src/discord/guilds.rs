//! The guilds the bot serves, live: the `[[guild]]` tables of the file (read-only in
//! Discord) and the guilds set up in Discord with `/setup` (settings in the database).
//!
//! Lookups hand out an `Arc<GuildRuntime>` taken at the start of an interaction; a change
//! swaps in a new runtime, so it applies from the next interaction on and nothing caches
//! settings across it. The built-in catalog is loaded once and shared by every guild that
//! uses it.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::catalog::{Catalog, CatalogError};
use crate::config::{Config, GuildConfig};
use crate::domain::Snowflake;
use crate::store::{Store, StoreError, StoredCatalog, StoredSettings};

/// Where a guild's settings come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuildSource {
    /// A `[[guild]]` table in config.toml: changed there (and SIGHUP), shown read-only.
    File,
    /// Set in Discord with `/setup`; `version` is the stored settings' version.
    Discord { version: i64 },
}

/// One guild at run time.
pub struct GuildRuntime {
    pub config: GuildConfig,
    pub catalog: Arc<Catalog>,
    pub source: GuildSource,
}

impl GuildRuntime {
    /// Whether the guild is managed by the file (`/setup` shows it read-only).
    #[must_use]
    pub fn is_file_managed(&self) -> bool {
        self.source == GuildSource::File
    }
}

/// A catalog that cannot be loaded, named by guild (or "the built-in catalog").
#[derive(Debug, thiserror::Error)]
#[error("{whose}: {source}")]
pub struct CatalogLoadError {
    pub whose: String,
    pub source: CatalogError,
}

/// Every guild served, by id.
pub struct Guilds {
    map: RwLock<HashMap<Snowflake, Arc<GuildRuntime>>>,
    builtin: Arc<Catalog>,
}

impl Guilds {
    /// The guild's runtime now, if it is set up (in the file or in Discord).
    #[must_use]
    pub fn get(&self, id: Snowflake) -> Option<Arc<GuildRuntime>> {
        self.read().get(&id).cloned()
    }

    /// Every guild served now.
    #[must_use]
    pub fn all(&self) -> Vec<Arc<GuildRuntime>> {
        self.read().values().cloned().collect()
    }

    /// How many guilds are served.
    #[must_use]
    pub fn len(&self) -> usize {
        self.read().len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// The catalog built into the binary, shared.
    #[must_use]
    pub fn builtin(&self) -> Arc<Catalog> {
        self.builtin.clone()
    }

    /// Serves `runtime` from the next interaction on (replacing the guild's old one);
    /// returns the old one.
    pub fn set(&self, runtime: GuildRuntime) -> Option<Arc<GuildRuntime>> {
        self.write().insert(runtime.config.id, Arc::new(runtime))
    }

    /// Replaces every file-managed guild with `file` (a reloaded config.toml): guilds no
    /// longer in the file stop being served unless the database has settings for them
    /// (`from_store`). Returns the old runtimes by id.
    pub fn replace_file_guilds(
        &self,
        file: Vec<GuildRuntime>,
        from_store: Vec<GuildRuntime>,
    ) -> HashMap<Snowflake, Arc<GuildRuntime>> {
        let mut map = self.write();
        let old = std::mem::take(&mut *map);
        for runtime in from_store.into_iter().chain(file) {
            map.insert(runtime.config.id, Arc::new(runtime));
        }
        old
    }

    /// A Discord-managed guild's runtime for `settings`, its uploaded catalogs laid over
    /// the built-in ones.
    pub fn runtime_from_store(
        &self,
        settings: &StoredSettings,
        uploaded: &[StoredCatalog],
    ) -> Result<GuildRuntime, String> {
        let mut config: GuildConfig = serde_json::from_str(&settings.settings_json)
            .map_err(|err| format!("stored settings do not read back: {err}"))?;
        config.id = settings.guild_id;
        // A path on the bot's machine is the operator's to set, never a guild admin's.
        config.catalog = None;
        let catalog = catalog_with_uploads(&self.builtin, uploaded)
            .map_err(|err| format!("uploaded catalogs: {err}"))?;
        let catalog = match &config.gear_slots {
            Some(slots) => Arc::new(catalog.with_visible_slots(slots)),
            None => catalog,
        };
        Ok(GuildRuntime {
            config,
            catalog,
            source: GuildSource::Discord {
                version: settings.version,
            },
        })
    }

    /// Loads the guilds set up in Discord from the store (those the file does not manage).
    pub async fn load_from_store(&self, store: &Store) -> Result<usize, StoreError> {
        let mut loaded = 0;
        for settings in self.store_runtimes(store).await? {
            if self
                .get(settings.config.id)
                .is_some_and(|g| g.is_file_managed())
            {
                continue;
            }
            self.set(settings);
            loaded += 1;
        }
        Ok(loaded)
    }

    /// Every guild the database has settings for, as runtimes (a guild whose settings do
    /// not load is logged and left out).
    pub async fn store_runtimes(&self, store: &Store) -> Result<Vec<GuildRuntime>, StoreError> {
        let mut out = Vec::new();
        for settings in store.all_guild_settings().await? {
            let uploaded = store.guild_catalogs(settings.guild_id).await?;
            match self.runtime_from_store(&settings, &uploaded) {
                Ok(runtime) => out.push(runtime),
                Err(err) => {
                    tracing::error!(guild = %settings.guild_id, %err, "a guild's settings cannot be served");
                }
            }
        }
        Ok(out)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<Snowflake, Arc<GuildRuntime>>> {
        self.map
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Snowflake, Arc<GuildRuntime>>> {
        self.map
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The built-in catalog with the uploaded professions in place of (or beside) its own.
pub fn catalog_with_uploads(
    builtin: &Arc<Catalog>,
    uploaded: &[StoredCatalog],
) -> Result<Arc<Catalog>, CatalogError> {
    if uploaded.is_empty() {
        return Ok(builtin.clone());
    }
    let mut files: Vec<(String, String)> = Catalog::builtin_files()
        .into_iter()
        .filter(|(name, _)| {
            !uploaded
                .iter()
                .any(|u| crate::catalog::profession_key_of(name) == u.profession)
        })
        .collect();
    files.extend(
        uploaded
            .iter()
            .map(|u| (format!("{}.json", u.profession), u.catalog_json.clone())),
    );
    Catalog::from_files(files).map(Arc::new)
}

/// The file's guilds, each with its catalog (its directory, or the shared built-in one),
/// keeping only its visible gear slots, in order.
pub fn file_runtimes(
    config: &Config,
    builtin: &Arc<Catalog>,
) -> Result<Vec<GuildRuntime>, CatalogLoadError> {
    let mut out = Vec::new();
    for guild in &config.guilds {
        let fail = |source| CatalogLoadError {
            whose: format!("guild {}", guild.id),
            source,
        };
        let catalog = match &guild.catalog {
            Some(dir) => Arc::new(Catalog::load_dir(dir).map_err(fail)?),
            None => builtin.clone(),
        };
        let catalog = match &guild.gear_slots {
            Some(slots) => Arc::new(catalog.with_visible_slots(slots)),
            None => catalog,
        };
        out.push(GuildRuntime {
            config: guild.clone(),
            catalog,
            source: GuildSource::File,
        });
    }
    Ok(out)
}

/// Loads the file's guilds with their catalogs (the built-in one loaded once, shared).
pub fn load_guilds(config: &Config) -> Result<Guilds, CatalogLoadError> {
    let builtin = Arc::new(Catalog::builtin().map_err(|source| CatalogLoadError {
        whose: "the built-in catalog".to_owned(),
        source,
    })?);
    let runtimes = file_runtimes(config, &builtin)?;
    let map = runtimes
        .into_iter()
        .map(|r| (r.config.id, Arc::new(r)))
        .collect();
    Ok(Guilds {
        map: RwLock::new(map),
        builtin,
    })
}
