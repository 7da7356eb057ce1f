//! The profession catalog: what members can request, profession → gear slot → item.
//!
//! One JSON file per profession, in the shape the Profession-Request bot uses for its
//! `config/<profession>.json`, so guilds reuse their files unchanged (see `load`). Loading
//! checks everything at once and reports every problem with its file, slot and item; a
//! loaded catalog is plain data with lookups, a per-guild slot filter and a fuzzy item
//! search for `/request item:` autocomplete (see `search`). No I/O beyond reading the
//! directory, no Discord types.

mod json;
mod load;
mod material;
mod names;
mod search;

use std::path::Path;

use include_dir::{include_dir, Dir};

pub use material::MAX_MATERIAL_QUANTITY;
pub use names::Names;

use crate::i18n::{Locale, Texts};

/// Longest profession, slot, item or material name: Discord's select option label limit.
pub const MAX_NAME_CHARS: usize = 100;

/// The slot that a file's `other_recipes` list becomes (shown last).
pub const OTHER_SLOT: &str = "Other";

/// The sample catalogs shipped in the repository's `catalog/` directory.
static BUILTIN_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/catalog");

/// The profession a catalog file defines: its lowercased file stem (`Enchanting.json` →
/// `enchanting`).
#[must_use]
pub fn profession_key_of(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Every loaded profession, sorted by key, with an index for item search.
#[derive(Debug, Clone)]
pub struct Catalog {
    professions: Vec<Profession>,
    index: search::SearchIndex,
}

/// One profession file: `enchanting.json` → key `enchanting`, name `Enchanting`.
#[derive(Debug, Clone)]
pub struct Profession {
    pub key: String,
    pub name: String,
    /// Its name in other languages (the file's `"names"`).
    pub names: Names,
    pub slots: Vec<GearSlot>,
}

impl Profession {
    /// Its name as a reader of `texts` sees it: translated where the catalog says how.
    #[must_use]
    pub fn name_in(&self, texts: Texts) -> &str {
        self.names.or(&self.name, texts)
    }
}

/// A gear slot in file order (`other_recipes` becomes the last slot, [`OTHER_SLOT`]).
#[derive(Debug, Clone)]
pub struct GearSlot {
    pub name: String,
    /// Its name in other languages (the file's `"slot_names"`).
    pub names: Names,
    pub items: Vec<Item>,
}

impl GearSlot {
    /// Its name as a reader of `texts` sees it: translated where the catalog says how.
    #[must_use]
    pub fn name_in(&self, texts: Texts) -> &str {
        self.names.or(&self.name, texts)
    }
}

#[derive(Debug, Clone)]
pub struct Item {
    /// The guild's name: what is stored, looked up and shown on the board.
    pub name: String,
    /// Its name in other languages (the item's `"names"`).
    pub names: Names,
    pub materials: Vec<Material>,
}

impl Item {
    /// Its name as a reader of `texts` sees it: translated where the catalog says how.
    #[must_use]
    pub fn name_in(&self, texts: Texts) -> &str {
        self.names.or(&self.name, texts)
    }
}

/// One material of a recipe, per crafted unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub name: String,
    pub quantity: u32,
}

/// An item together with where it lives in the catalog.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub profession: &'a Profession,
    pub slot: &'a GearSlot,
    pub item: &'a Item,
}

/// Everything wrong with a set of catalog files, each problem naming file, slot and item.
#[derive(Debug, thiserror::Error)]
#[error("{}", describe_problems(.problems))]
pub struct CatalogError {
    pub problems: Vec<String>,
}

impl Catalog {
    /// The sample catalogs in the repository's `catalog/` directory, built into the binary.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_files(Catalog::builtin_files())
    }

    /// The built-in catalog's files, as (file name, JSON text): what an uploaded
    /// profession replaces one of, and what `/catalog download` hands out by default.
    #[must_use]
    pub fn builtin_files() -> Vec<(String, String)> {
        BUILTIN_DIR
            .files()
            .filter(|file| is_json_file(file.path()))
            .map(|file| {
                let name = file.path().to_string_lossy().into_owned();
                (name, String::from_utf8_lossy(file.contents()).into_owned())
            })
            .collect()
    }

    /// Every `*.json` file in `dir`, one per profession; the lowercased file stem is the key.
    pub fn load_dir(dir: &Path) -> Result<Catalog, CatalogError> {
        let cannot = |what: &str, path: &Path, e: &std::io::Error| CatalogError {
            problems: vec![format!("{}: cannot {what}: {e}", path.display())],
        };
        let entries = std::fs::read_dir(dir).map_err(|e| cannot("read directory", dir, &e))?;
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| cannot("read directory", dir, &e))?.path();
            if is_json_file(&path) && path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        let mut problems = Vec::new();
        let mut files = Vec::new();
        for path in paths {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((name, text)),
                Err(e) => problems.push(format!("{name}: cannot read file: {e}")),
            }
        }
        if files.is_empty() && problems.is_empty() {
            problems.push(format!("{}: no *.json catalog files", dir.display()));
        }
        match Catalog::from_files(files) {
            Ok(catalog) if problems.is_empty() => Ok(catalog),
            Ok(_) => Err(CatalogError { problems }),
            Err(mut error) => {
                problems.append(&mut error.problems);
                Err(CatalogError { problems })
            }
        }
    }

    /// The pure core: (file name, JSON text) pairs, one per profession.
    pub fn from_files<I: IntoIterator<Item = (String, String)>>(
        files: I,
    ) -> Result<Catalog, CatalogError> {
        let mut problems = Vec::new();
        let mut loaded: Vec<(String, Profession)> = Vec::new();
        let mut file_count = 0;
        for (file, text) in files {
            file_count += 1;
            if let Some(profession) = load::profession_from_file(&file, &text, &mut problems) {
                if let Some((other, _)) = loaded.iter().find(|(_, p)| p.key == profession.key) {
                    problems.push(format!(
                        "{file}: profession {:?} is already defined by {other}",
                        profession.key
                    ));
                } else {
                    loaded.push((file, profession));
                }
            }
        }
        if file_count == 0 {
            problems.push("no catalog files".to_owned());
        }
        if !problems.is_empty() {
            return Err(CatalogError { problems });
        }
        Ok(Catalog::new(loaded.into_iter().map(|(_, p)| p).collect()))
    }

    fn new(mut professions: Vec<Profession>) -> Catalog {
        professions.sort_by(|a, b| a.key.cmp(&b.key));
        let index = search::SearchIndex::build(&professions);
        Catalog { professions, index }
    }

    /// The professions, sorted by key.
    #[must_use]
    pub fn professions(&self) -> &[Profession] {
        &self.professions
    }

    /// The profession with this key (case-insensitive).
    #[must_use]
    pub fn profession(&self, key: &str) -> Option<&Profession> {
        let key = key.trim().to_lowercase();
        self.professions.iter().find(|p| p.key == key)
    }

    /// An item by profession key, slot name and item name (all case-insensitive, trimmed).
    #[must_use]
    pub fn item(&self, profession: &str, slot: &str, item: &str) -> Option<ItemRef<'_>> {
        let profession = self.profession(profession)?;
        let slot = profession.slots.iter().find(|s| same_name(&s.name, slot))?;
        let item = slot.items.iter().find(|i| same_name(&i.name, item))?;
        Some(ItemRef {
            profession,
            slot,
            item,
        })
    }

    /// Fuzzy, case-insensitive search of every item name, best first, at most `limit`.
    /// An empty query gives the first `limit` items in catalog order.
    #[must_use]
    pub fn search(&self, query: &str, limit: usize) -> Vec<ItemRef<'_>> {
        self.search_where(query, limit, None)
    }

    /// [`search`](Self::search) for a reader of `texts`: their language's item names are
    /// searched too, where the catalog gives them.
    #[must_use]
    pub fn search_in(&self, query: &str, limit: usize, texts: Texts) -> Vec<ItemRef<'_>> {
        self.search_where(query, limit, Some(texts.locale()))
    }

    fn search_where(&self, query: &str, limit: usize, locale: Option<Locale>) -> Vec<ItemRef<'_>> {
        self.index
            .search(query, limit, locale)
            .into_iter()
            .filter_map(|(p, s, i)| {
                let profession = self.professions.get(p)?;
                let slot = profession.slots.get(s)?;
                let item = slot.items.get(i)?;
                Some(ItemRef {
                    profession,
                    slot,
                    item,
                })
            })
            .collect()
    }

    /// Keeps only the named gear slots, in the order given (a guild's `gear_slots`);
    /// names a profession lacks are skipped, professions left without slots are dropped.
    #[must_use]
    pub fn with_visible_slots(&self, slots: &[String]) -> Catalog {
        let professions = self
            .professions
            .iter()
            .filter_map(|profession| {
                let mut visible: Vec<GearSlot> = Vec::new();
                for wanted in slots {
                    let found = profession.slots.iter().find(|s| same_name(&s.name, wanted));
                    if let Some(slot) = found {
                        if !visible.iter().any(|v| v.name == slot.name) {
                            visible.push(slot.clone());
                        }
                    }
                }
                (!visible.is_empty()).then(|| Profession {
                    key: profession.key.clone(),
                    name: profession.name.clone(),
                    names: profession.names.clone(),
                    slots: visible,
                })
            })
            .collect();
        Catalog::new(professions)
    }

    /// How many items the catalog holds, over every profession and slot.
    #[must_use]
    pub fn item_count(&self) -> usize {
        self.index.len()
    }
}

/// What is wrong with a trimmed name (profession, slot, item or material), if anything.
fn name_problem(name: &str) -> Option<String> {
    let chars = name.chars().count();
    if chars == 0 {
        Some("is empty".to_owned())
    } else if chars > MAX_NAME_CHARS {
        Some(format!(
            "is {chars} characters long (at most {MAX_NAME_CHARS})"
        ))
    } else if name.chars().any(char::is_control) {
        Some("contains control characters".to_owned())
    } else {
        None
    }
}

/// Names compare trimmed and case-insensitively, as duplicates are checked at load.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase()
}

fn is_json_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

fn describe_problems(problems: &[String]) -> String {
    let mut text = match problems.len() {
        1 => "catalog has 1 problem:".to_owned(),
        n => format!("catalog has {n} problems:"),
    };
    for problem in problems {
        text.push_str("\n  - ");
        text.push_str(problem);
    }
    text
}

#[cfg(test)]
mod tests;
