//! One profession file → a `Profession`, or problems that name file, slot and item.
//!
//! The shape is the Profession-Request bot's `config/<profession>.json`:
//! `{"items": {"<gear slot>": [{"name": "...", "materials": ["Dream Dust x10", ...]}]},
//! "other_recipes": [...]}`. Keys starting with `_` are comments at any level; other
//! unknown keys are ignored so files from that bot load unchanged. Optional translated
//! names (issue 18): `"names"` on an item or at the top (the profession's), and
//! `"slot_names": {"<gear slot>": {"de": "…"}}` at the top. Slots keep file order,
//! `other_recipes` becomes the last slot, "Other". Empty slots are left out.
//! Every problem in a file is reported, not just the first.

use std::collections::hash_map::{Entry, HashMap};
use std::path::Path;

use super::json::Json;
use super::names::{self, Names};
use super::{name_problem, same_name, GearSlot, Item, Material, Profession, OTHER_SLOT};

/// Longest profession key (the file stem); it ends up inside component custom ids.
pub const MAX_PROFESSION_KEY_CHARS: usize = 32;

/// Most materials in one recipe (each may need its own modal field).
pub const MAX_MATERIALS_PER_ITEM: usize = 25;

/// Parses one file; on any problem, adds it to `problems` and returns `None`.
pub fn profession_from_file(
    file: &str,
    text: &str,
    problems: &mut Vec<String>,
) -> Option<Profession> {
    let before = problems.len();
    let key = profession_key(file, problems);
    let root = match Json::parse(text) {
        Ok(root) => root,
        Err(e) => {
            problems.push(format!("{file}: {e}"));
            return None;
        }
    };
    let Json::Object(fields) = root else {
        problems.push(format!(
            "{file}: expected an object with \"items\", found {}",
            root.kind()
        ));
        return None;
    };
    let mut slots = Vec::new();
    match Json::field(&fields, "items") {
        None => problems.push(format!(
            "{file}: missing \"items\" (an object of gear slot → list of items)"
        )),
        Some(Json::Object(slot_fields)) => {
            for (name, value) in Json::entries(slot_fields) {
                slots.extend(gear_slot(file, name, value, problems));
            }
        }
        Some(other) => problems.push(format!(
            "{file}: \"items\" should be an object of gear slot → list of items, found {}",
            other.kind()
        )),
    }
    match Json::field(&fields, "other_recipes") {
        None => {}
        Some(value @ Json::Array(_)) => slots.extend(gear_slot(file, OTHER_SLOT, value, problems)),
        Some(other) => problems.push(format!(
            "{file}: \"other_recipes\" should be a list of items, found {}",
            other.kind()
        )),
    }
    check_duplicate_slots(file, &slots, problems);
    let profession_names = Json::field(&fields, "names")
        .map(|value| names::parse(file, value, problems))
        .unwrap_or_default();
    if let Some(value) = Json::field(&fields, "slot_names") {
        slot_names(file, value, &mut slots, problems);
    }
    if problems.len() == before && slots.iter().all(|s| s.items.is_empty()) {
        problems.push(format!("{file}: no items"));
    }
    if problems.len() > before {
        return None;
    }
    let key = key?;
    Some(Profession {
        name: display_name(&key),
        names: profession_names,
        key,
        slots: slots.into_iter().filter(|s| !s.items.is_empty()).collect(),
    })
}

/// `Enchanting.json` → `enchanting`; refuses stems that would not fit in a custom id.
fn profession_key(file: &str, problems: &mut Vec<String>) -> Option<String> {
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let fits = !stem.is_empty()
        && stem.chars().count() <= MAX_PROFESSION_KEY_CHARS
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if fits {
        Some(stem)
    } else {
        problems.push(format!(
            "{file}: the file name must be <profession>.json, the profession written with \
             a-z, 0-9, - or _ (at most {MAX_PROFESSION_KEY_CHARS} characters)"
        ));
        None
    }
}

/// `enchanting` → `Enchanting`, `first_aid` → `First Aid`.
fn display_name(key: &str) -> String {
    key.split(['_', '-'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn gear_slot(
    file: &str,
    raw_name: &str,
    value: &Json,
    problems: &mut Vec<String>,
) -> Option<GearSlot> {
    let name = raw_name.trim();
    let at = format!("{file}: slot {}", quoted(name));
    if let Some(problem) = name_problem(name) {
        problems.push(format!("{at}: slot name {problem}"));
    }
    let Json::Array(entries) = value else {
        problems.push(format!(
            "{at}: expected a list of items, found {}",
            value.kind()
        ));
        return None;
    };
    let mut items: Vec<Item> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let Some(item) = item(&at, index + 1, entry, problems) else {
            continue;
        };
        match seen.entry(item.name.to_lowercase()) {
            Entry::Occupied(first) => problems.push(format!(
                "{at}, item {}: duplicate name in this slot (item {} has it too)",
                quoted(&item.name),
                first.get()
            )),
            Entry::Vacant(slot) => {
                slot.insert(index + 1);
                items.push(item);
            }
        }
    }
    Some(GearSlot {
        name: name.to_owned(),
        names: Names::default(),
        items,
    })
}

/// Item `number` (1-based) of a slot; `at` is "<file>: slot \"<slot>\"".
fn item(at: &str, number: usize, entry: &Json, problems: &mut Vec<String>) -> Option<Item> {
    let Json::Object(fields) = entry else {
        problems.push(format!(
            "{at}, item {number}: expected an object with \"name\" and \"materials\", found {}",
            entry.kind()
        ));
        return None;
    };
    let before = problems.len();
    let name = match Json::field(fields, "name") {
        Some(Json::String(raw)) => {
            let name = raw.trim();
            match name_problem(name) {
                Some(problem) => {
                    problems.push(format!("{at}, item {number}: name {problem}"));
                    None
                }
                None => Some(name.to_owned()),
            }
        }
        Some(other) => {
            problems.push(format!(
                "{at}, item {number}: \"name\" should be a string, found {}",
                other.kind()
            ));
            None
        }
        None => {
            problems.push(format!("{at}, item {number}: missing \"name\""));
            None
        }
    };
    let label = name.as_deref().map_or_else(
        || format!("{at}, item {number}"),
        |name| format!("{at}, item {}", quoted(name)),
    );
    let materials = materials(&label, Json::field(fields, "materials"), problems);
    let names = Json::field(fields, "names")
        .map(|value| names::parse(&label, value, problems))
        .unwrap_or_default();
    if problems.len() > before {
        return None;
    }
    Some(Item {
        name: name?,
        names,
        materials,
    })
}

/// The `materials` list of one item; `at` names file, slot and item.
fn materials(at: &str, value: Option<&Json>, problems: &mut Vec<String>) -> Vec<Material> {
    let entries = match value {
        Some(Json::Array(entries)) => entries,
        Some(other) => {
            problems.push(format!(
                "{at}: \"materials\" should be a list of strings, found {}",
                other.kind()
            ));
            return Vec::new();
        }
        None => {
            problems.push(format!(
                "{at}: missing \"materials\" (use [] for an item that needs none)"
            ));
            return Vec::new();
        }
    };
    if entries.len() > MAX_MATERIALS_PER_ITEM {
        problems.push(format!(
            "{at}: {} materials (at most {MAX_MATERIALS_PER_ITEM})",
            entries.len()
        ));
    }
    let mut materials: Vec<Material> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let number = index + 1;
        let Json::String(text) = entry else {
            problems.push(format!(
                "{at}: material {number} should be a string like \"Dream Dust x10\", found {}",
                entry.kind()
            ));
            continue;
        };
        match Material::parse(text) {
            Ok(material) => {
                let name = material.name.to_lowercase();
                if materials.iter().any(|m| m.name.to_lowercase() == name) {
                    problems.push(format!(
                        "{at}: material {number} {}: listed twice",
                        quoted(&material.name)
                    ));
                } else {
                    materials.push(material);
                }
            }
            Err(e) => problems.push(format!("{at}: material {number}: {e}")),
        }
    }
    materials
}

/// The top-level `"slot_names"`: gear slot → its `names`; each slot named must exist.
fn slot_names(file: &str, value: &Json, slots: &mut [GearSlot], problems: &mut Vec<String>) {
    let Json::Object(fields) = value else {
        problems.push(format!(
            "{file}: \"slot_names\" should be an object of gear slot → names, found {}",
            value.kind()
        ));
        return;
    };
    for (slot_name, names) in Json::entries(fields) {
        let at = format!("{file}: slot_names {}", quoted(slot_name.trim()));
        match slots.iter_mut().find(|s| same_name(&s.name, slot_name)) {
            Some(slot) => slot.names = names::parse(&at, names, problems),
            None => problems.push(format!("{at}: the file has no such gear slot")),
        }
    }
}

fn check_duplicate_slots(file: &str, slots: &[GearSlot], problems: &mut Vec<String>) {
    for (index, slot) in slots.iter().enumerate() {
        let lower = slot.name.to_lowercase();
        if slots[..index]
            .iter()
            .any(|s| s.name.to_lowercase() == lower)
        {
            problems.push(format!(
                "{file}: slot {}: defined twice{}",
                quoted(&slot.name),
                if slot.name == OTHER_SLOT {
                    " (\"other_recipes\" becomes the slot \"Other\")"
                } else {
                    ""
                }
            ));
        }
    }
}

/// A name for a problem message: quoted, escaped, long ones shortened.
fn quoted(name: &str) -> String {
    const SHOWN: usize = 60;
    if name.chars().count() > SHOWN {
        let head: String = name.chars().take(SHOWN).collect();
        format!("{head:?}…")
    } else {
        format!("{name:?}")
    }
}
