//! Catalog tests: loading and validation, the built-in samples, slot filtering, search.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn load(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    Catalog::from_files(
        files
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned())),
    )
}

fn problems(files: &[(&str, &str)]) -> Vec<String> {
    load(files).expect_err("should be refused").problems
}

fn slot_names(profession: &Profession) -> Vec<&str> {
    profession.slots.iter().map(|s| s.name.as_str()).collect()
}

fn names(found: &[ItemRef<'_>]) -> Vec<String> {
    found.iter().map(|r| r.item.name.clone()).collect()
}

const SMALL: &str = r#"{
  "_comment": "comments may sit at any level",
  "items": {
    "_comment": "not a slot",
    "Weapon": [
      {"name": "Enchant Weapon - Crusader", "materials": ["Large Brilliant Shard x4", "Righteous Orb x2"], "_note": "BiS"},
      {"name": "  Enchant Weapon - Fiery Weapon ", "materials": ["Small Radiant Shard x4", "Essence of Fire"]}
    ],
    "Bracer": [
      {"name": "Enchant Bracer - Healing", "materials": ["Large Brilliant Shard x2", "Illusion Dust x20"]}
    ],
    "Cloak": [
      {"name": "Enchant Cloak - Subtlety", "materials": []}
    ]
  },
  "other_recipes": [
    {"name": "Enchanted Leather", "materials": ["Rugged Leather", "Lesser Eternal Essence"]}
  ]
}"#;

#[test]
fn loads_slots_in_file_order_with_other_last_and_comments_ignored() {
    let catalog = load(&[("Enchanting.json", SMALL)]).unwrap();
    let profession = catalog.profession("enchanting").unwrap();
    assert_eq!(profession.key, "enchanting");
    assert_eq!(profession.name, "Enchanting");
    assert_eq!(
        slot_names(profession),
        ["Weapon", "Bracer", "Cloak", "Other"]
    );
    assert_eq!(catalog.item_count(), 5);
    let fiery = &profession.slots[0].items[1];
    assert_eq!(fiery.name, "Enchant Weapon - Fiery Weapon");
    assert_eq!(
        fiery.materials,
        [
            Material {
                name: "Small Radiant Shard".into(),
                quantity: 4
            },
            Material {
                name: "Essence of Fire".into(),
                quantity: 1
            },
        ]
    );
    assert_eq!(profession.slots[3].items[0].name, "Enchanted Leather");
}

#[test]
fn professions_are_sorted_by_key_and_named_from_it() {
    let one = r#"{"items": {"Potions": [{"name": "Major Healing Potion", "materials": []}]}}"#;
    let catalog = load(&[
        ("tailoring.json", one),
        ("first_aid.json", one),
        ("alchemy.json", one),
    ])
    .unwrap();
    let keys: Vec<&str> = catalog
        .professions()
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(keys, ["alchemy", "first_aid", "tailoring"]);
    assert_eq!(catalog.profession("FIRST_AID").unwrap().name, "First Aid");
    assert!(catalog.profession("cooking").is_none());
}

#[test]
fn item_lookup_is_trimmed_and_case_insensitive() {
    let catalog = load(&[("enchanting.json", SMALL)]).unwrap();
    let found = catalog
        .item("Enchanting", "weapon", " enchant weapon - crusader ")
        .unwrap();
    assert_eq!(found.item.name, "Enchant Weapon - Crusader");
    assert_eq!(found.slot.name, "Weapon");
    assert_eq!(found.profession.key, "enchanting");
    assert!(catalog
        .item("enchanting", "Bracer", "Enchant Weapon - Crusader")
        .is_none());
    assert!(catalog
        .item("tailoring", "Weapon", "Enchant Weapon - Crusader")
        .is_none());
}

#[test]
fn invalid_json_names_file_line_and_column() {
    let found = problems(&[(
        "enchanting.json",
        "{\n  \"items\": {\n    \"Weapon\": [,]\n  }\n}",
    )]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("enchanting.json: invalid JSON at line 3, column"),
        "{found:?}"
    );
}

#[test]
fn structural_problems_are_all_reported() {
    let found = problems(&[
        ("a.json", r#"{"other_recipes": []}"#),
        ("b.json", "[1, 2]"),
        ("c.json", r#"{"items": ["Weapon"]}"#),
        ("d.json", r#"{"items": {"Weapon": {"name": "x"}}}"#),
        ("e.json", r#"{"items": {}}"#),
        (
            "f.json",
            r#"{"items": {"Weapon": []}, "other_recipes": []}"#,
        ),
        (
            "g.json",
            r#"{"items": {"Weapon": [{"name": "A", "materials": []}]}, "other_recipes": 3}"#,
        ),
    ]);
    let expect = [
        "a.json: missing \"items\"",
        "b.json: expected an object with \"items\", found an array",
        "c.json: \"items\" should be an object",
        "d.json: slot \"Weapon\": expected a list of items, found an object",
        "e.json: no items",
        "f.json: no items",
        "g.json: \"other_recipes\" should be a list of items, found a number",
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (problem, prefix) in found.iter().zip(expect) {
        assert!(
            problem.starts_with(prefix),
            "{problem:?} should start with {prefix:?}"
        );
    }
}

#[test]
fn item_problems_name_file_slot_and_item() {
    let long = "L".repeat(101);
    let text = format!(
        r#"{{"items": {{
          "Weapon": [
            {{"name": "Enchant Weapon - Crusader", "materials": ["Large Brilliant Shard x0"]}},
            {{"name": "   ", "materials": []}},
            {{"name": "{long}", "materials": []}},
            {{"name": 7, "materials": []}},
            {{"materials": []}},
            {{"name": "No Materials"}},
            {{"name": "Bad Materials", "materials": "Dream Dust x2"}},
            {{"name": "Odd Material", "materials": [5, "x4 Dream Dust", "Dream Dust", "dream dust x2"]}},
            "Enchant Weapon - Fiery",
            {{"name": "Fine", "materials": []}},
            {{"name": "FINE ", "materials": []}}
          ],
          "{long}": [{{"name": "In A Long Slot", "materials": []}}]
        }}}}"#
    );
    let found = problems(&[("enchanting.json", &text)]);
    let expect = [
        "slot \"Weapon\", item \"Enchant Weapon - Crusader\": material 1: \"Large Brilliant Shard x0\": quantity must be 1 to 10000",
        "slot \"Weapon\", item 2: name is empty",
        "slot \"Weapon\", item 3: name is 101 characters long (at most 100)",
        "slot \"Weapon\", item 4: \"name\" should be a string, found a number",
        "slot \"Weapon\", item 5: missing \"name\"",
        "slot \"Weapon\", item \"No Materials\": missing \"materials\"",
        "slot \"Weapon\", item \"Bad Materials\": \"materials\" should be a list of strings, found a string",
        "slot \"Weapon\", item \"Odd Material\": material 1 should be a string",
        "slot \"Weapon\", item \"Odd Material\": material 2: \"x4 Dream Dust\": put the quantity at the end",
        "slot \"Weapon\", item \"Odd Material\": material 4 \"dream dust\": listed twice",
        "slot \"Weapon\", item 9: expected an object with \"name\" and \"materials\", found a string",
        "slot \"Weapon\", item \"FINE\": duplicate name in this slot (item 10 has it too)",
        "slot \"LLLLLLLLLL",
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (problem, wanted) in found.iter().zip(expect) {
        let wanted = format!("enchanting.json: {wanted}");
        assert!(
            problem.starts_with(&wanted),
            "{problem:?}\n should start with {wanted:?}"
        );
    }
    assert!(found[12].ends_with("slot name is 101 characters long (at most 100)"));
    let error = load(&[("enchanting.json", &text)]).unwrap_err();
    let shown = error.to_string();
    assert!(
        shown.starts_with("catalog has 13 problems:\n  - enchanting.json: slot"),
        "{shown}"
    );
    assert_eq!(shown.lines().count(), 14);
}

#[test]
fn duplicates_are_rejected() {
    let dup_items = r#"{"items": {"Cloak": [
        {"name": "Enchant Cloak - Subtlety", "materials": []},
        {"name": "enchant cloak - SUBTLETY", "materials": []}]}}"#;
    let found = problems(&[("enchanting.json", dup_items)]);
    assert_eq!(
        found,
        ["enchanting.json: slot \"Cloak\", item \"enchant cloak - SUBTLETY\": duplicate name in this slot (item 1 has it too)"]
    );

    let dup_slots = r#"{"items": {"Cloak": [{"name": "A", "materials": []}], "cloak ": [{"name": "B", "materials": []}]}}"#;
    assert_eq!(
        problems(&[("e.json", dup_slots)]),
        ["e.json: slot \"cloak\": defined twice"]
    );

    let other_twice = r#"{"items": {"Other": [{"name": "A", "materials": []}]}, "other_recipes": [{"name": "B", "materials": []}]}"#;
    assert!(problems(&[("e.json", other_twice)])[0]
        .contains("\"other_recipes\" becomes the slot \"Other\""));

    // The same name in two slots is fine.
    let two_slots = r#"{"items": {"Cloak": [{"name": "A", "materials": []}], "Boots": [{"name": "A", "materials": []}]}}"#;
    assert!(load(&[("e.json", two_slots)]).is_ok());

    let one = r#"{"items": {"Cloak": [{"name": "A", "materials": []}]}}"#;
    let found = problems(&[("enchanting.json", one), ("Enchanting.JSON", one)]);
    assert_eq!(
        found,
        ["Enchanting.JSON: profession \"enchanting\" is already defined by enchanting.json"]
    );
}

#[test]
fn profession_keys_must_fit_in_custom_ids() {
    let one = r#"{"items": {"Cloak": [{"name": "A", "materials": []}]}}"#;
    for file in [
        "first aid.json",
        ".json",
        "émail.json",
        &format!("{}.json", "a".repeat(33)),
    ] {
        let found = problems(&[(file, one)]);
        assert!(
            found[0].contains("the file name must be <profession>.json"),
            "{file}: {found:?}"
        );
    }
    assert!(load(&[("first-aid_2.json", one)]).is_ok());
    assert_eq!(problems(&[]), ["no catalog files"]);
}

#[test]
fn builtin_catalogs_load_and_exercise_paging() {
    let catalog = Catalog::builtin().unwrap();
    let keys: Vec<&str> = catalog
        .professions()
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(keys, ["alchemy", "enchanting", "tailoring"]);
    let enchanting = catalog.profession("enchanting").unwrap();
    assert!(enchanting.slots.len() >= 12, "{}", enchanting.slots.len());
    let items: usize = enchanting.slots.iter().map(|s| s.items.len()).sum();
    assert!(items >= 60, "{items}");
    assert!(enchanting.slots.iter().any(|s| s.items.len() > 25));
    assert!(enchanting
        .slots
        .iter()
        .flat_map(|s| &s.items)
        .any(|i| i.materials.len() > 5));
    let alchemy = catalog.profession("alchemy").unwrap();
    assert_eq!(alchemy.slots.last().unwrap().name, OTHER_SLOT);
    for profession in catalog.professions() {
        let count: usize = profession.slots.iter().map(|s| s.items.len()).sum();
        assert!(count >= 15, "{} has {count} items", profession.key);
    }
}

#[test]
fn load_dir_reads_json_files_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("enchanting.json"), SMALL).unwrap();
    std::fs::write(dir.path().join("README.md"), "not a catalog").unwrap();
    let catalog = Catalog::load_dir(dir.path()).unwrap();
    assert_eq!(catalog.professions().len(), 1);

    std::fs::write(dir.path().join("tailoring.json"), "{").unwrap();
    let found = Catalog::load_dir(dir.path()).unwrap_err().problems;
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("tailoring.json: invalid JSON"),
        "{found:?}"
    );

    let empty = tempfile::tempdir().unwrap();
    assert!(Catalog::load_dir(empty.path()).unwrap_err().problems[0].contains("no *.json"));
    let missing = dir.path().join("missing");
    assert!(Catalog::load_dir(&missing).unwrap_err().problems[0].contains("cannot read directory"));
}

#[test]
fn visible_slots_filter_and_order() {
    let catalog = Catalog::builtin().unwrap();
    let visible = catalog.with_visible_slots(&[
        "Weapon".to_owned(),
        "boots".to_owned(),
        "Not A Slot".to_owned(),
        "Weapon".to_owned(),
    ]);
    let keys: Vec<&str> = visible
        .professions()
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(
        keys,
        ["enchanting", "tailoring"],
        "alchemy has neither slot"
    );
    assert_eq!(
        slot_names(visible.profession("enchanting").unwrap()),
        ["Weapon", "Boots"]
    );
    assert_eq!(
        slot_names(visible.profession("tailoring").unwrap()),
        ["Boots"]
    );
    let expected: usize = visible
        .professions()
        .iter()
        .flat_map(|p| &p.slots)
        .map(|s| s.items.len())
        .sum();
    assert_eq!(visible.item_count(), expected);
    // Search only sees what is visible.
    assert!(visible
        .search("crusader", 5)
        .iter()
        .all(|r| r.slot.name == "Weapon"));
    assert!(visible.search("flask of the titans", 5).is_empty());
    assert!(catalog.with_visible_slots(&[]).professions().is_empty());
}

#[test]
fn a_reader_searches_item_names_in_their_language_and_the_guild_s() {
    let catalog = Catalog::builtin().unwrap();
    let german = crate::i18n::Locale::German.texts();
    // By the German name, for a German reader only.
    let found = catalog.search_in("stiefel ausdauer", 5, german);
    assert_eq!(found[0].item.name, "Enchant Boots - Minor Stamina");
    assert_eq!(found[0].item.name_in(german), "Stiefel - Schwache Ausdauer");
    assert!(catalog
        .search_in("stiefel ausdauer", 5, crate::i18n::Texts::ENGLISH)
        .iter()
        .all(|r| r.item.name != "Enchant Boots - Minor Stamina"));
    assert!(catalog
        .search_in("stiefel ausdauer", 5, crate::i18n::Locale::French.texts())
        .iter()
        .all(|r| r.item.name != "Enchant Boots - Minor Stamina"));
    // The guild's name still finds it, and an item both names match is listed once.
    let found = catalog.search_in("minor stamina", 25, german);
    assert!(names(&found).contains(&"Enchant Boots - Minor Stamina".to_owned()));
    let boots = catalog.search_in("boots", 25, german);
    let mut unique = names(&boots);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), boots.len(), "{:?}", names(&boots));
    // An empty query lists items in catalog order, each once.
    let first = catalog.search_in("", 5, german);
    assert_eq!(names(&first), names(&catalog.search("", 5)));
}

#[test]
fn search_ranks_exact_and_substring_matches_first() {
    let catalog = Catalog::builtin().unwrap();
    let found = catalog.search("Enchant Chest - Greater Stats", 5);
    assert_eq!(found[0].item.name, "Enchant Chest - Greater Stats");

    // Substring matches (here, word starts) come before scattered ones.
    let found = names(&catalog.search("stats", 25));
    assert!(found.len() >= 3, "{found:?}");
    let first_scattered = found
        .iter()
        .position(|n| !n.to_lowercase().contains("stats"));
    let last_substring = found
        .iter()
        .rposition(|n| n.to_lowercase().contains("stats"));
    if let (Some(scattered), Some(substring)) = (first_scattered, last_substring) {
        assert!(substring < scattered, "{found:?}");
    }

    // A prefix beats a word start beats the middle of a word.
    let prefix = load(&[(
        "t.json",
        r#"{"items": {"S": [
            {"name": "Moonshard", "materials": []},
            {"name": "Cloak of the Moon", "materials": []},
            {"name": "Moon Robe", "materials": []}]}}"#,
    )])
    .unwrap();
    assert_eq!(
        names(&prefix.search("moon", 3)),
        ["Moon Robe", "Moonshard", "Cloak of the Moon"]
    );
    assert_eq!(names(&prefix.search("shard", 3)), ["Moonshard"]);
}

#[test]
fn search_is_fuzzy_and_case_insensitive() {
    let catalog = Catalog::builtin().unwrap();
    let found = names(&catalog.search("ench chst grtr stats", 5));
    assert_eq!(
        found.first().map(String::as_str),
        Some("Enchant Chest - Greater Stats"),
        "{found:?}"
    );
    let found = names(&catalog.search("flsk titans", 5));
    assert_eq!(
        found.first().map(String::as_str),
        Some("Flask of the Titans"),
        "{found:?}"
    );
    let found = names(&catalog.search("CRUSADER", 5));
    assert_eq!(found, ["Enchant Weapon - Crusader"]);
    // Words in any order.
    let found = names(&catalog.search("stats greater chest", 5));
    assert_eq!(
        found.first().map(String::as_str),
        Some("Enchant Chest - Greater Stats"),
        "{found:?}"
    );
}

#[test]
fn search_respects_limit_and_handles_odd_queries() {
    let catalog = Catalog::builtin().unwrap();
    assert_eq!(catalog.search("enchant", 25).len(), 25);
    assert_eq!(catalog.search("enchant", 3).len(), 3);
    assert!(catalog.search("enchant", 0).is_empty());
    for garbage in ["qqqzzzxxx", "zzz", "🐉🐉", "\u{0}", "!!!"] {
        assert!(catalog.search(garbage, 25).is_empty(), "{garbage:?}");
    }
    let first = names(&catalog.search("   ", 4));
    let all: Vec<String> = catalog
        .professions()
        .iter()
        .flat_map(|p| &p.slots)
        .flat_map(|s| &s.items)
        .take(4)
        .map(|i| i.name.clone())
        .collect();
    assert_eq!(first, all, "empty query lists catalog order");
    let long = "enchant ".repeat(1_000);
    let _ = catalog.search(&long, 25);
    let _ = catalog.search("İ", 25);
}

/// A catalog of `count` distinct items over several professions, as a generated file set.
fn generated_files(count: usize) -> Vec<(String, String)> {
    const PREFIXES: [&str; 8] = [
        "Minor", "Lesser", "Greater", "Superior", "Major", "Mighty", "Runed", "Arcane",
    ];
    const STATS: [&str; 10] = [
        "Stamina",
        "Strength",
        "Agility",
        "Intellect",
        "Spirit",
        "Defense",
        "Healing",
        "Fire Power",
        "Frost Resistance",
        "Shadow Ward",
    ];
    const SLOTS: [&str; 10] = [
        "Boots",
        "Bracer",
        "Chest",
        "Cloak",
        "Gloves",
        "Shield",
        "Weapon",
        "Head",
        "Legs",
        "Shoulders",
    ];
    let professions = [
        "enchanting",
        "tailoring",
        "alchemy",
        "blacksmithing",
        "leatherworking",
    ];
    let per_slot = count.div_ceil(professions.len() * SLOTS.len());
    let mut made = 0;
    let mut files = Vec::new();
    for profession in professions {
        let mut slots: Vec<String> = Vec::new();
        for slot in SLOTS {
            let mut items = Vec::new();
            for n in 0..per_slot {
                if made == count {
                    break;
                }
                let name = format!(
                    "{} {slot} - {} {} {}",
                    &profession[..1].to_uppercase(),
                    PREFIXES[n % PREFIXES.len()],
                    STATS[(n / PREFIXES.len()) % STATS.len()],
                    n / (PREFIXES.len() * STATS.len()) + 1
                );
                items.push(format!(
                    r#"{{"name": "{name}", "materials": ["Dream Dust x{}", "Illusion Dust"]}}"#,
                    n % 20 + 1
                ));
                made += 1;
            }
            slots.push(format!("\"{slot}\": [{}]", items.join(",")));
        }
        files.push((
            format!("{profession}.json"),
            format!("{{\"items\": {{{}}}}}", slots.join(",")),
        ));
    }
    files
}

#[test]
fn searches_a_generated_catalog_of_5000_items() {
    let catalog = Catalog::from_files(generated_files(5_000)).unwrap();
    assert_eq!(catalog.item_count(), 5_000);

    let found = catalog.search("E Chest - Greater Healing 1", 10);
    assert_eq!(found[0].item.name, "E Chest - Greater Healing 1");
    assert_eq!(found[0].profession.key, "enchanting");

    let found = catalog.search("shadow ward", 25);
    assert_eq!(found.len(), 25);
    assert!(found.iter().all(|r| r.item.name.contains("Shadow Ward")));

    let found = names(&catalog.search("sup frst res", 25));
    assert_eq!(found.len(), 25);
    assert!(
        found
            .iter()
            .all(|n| n.contains("Superior Frost Resistance")),
        "{found:?}"
    );

    let found = names(&catalog.search("legs mighty agility", 25));
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|n| n.contains("Legs - Mighty Agility")),
        "{found:?}"
    );

    assert!(catalog.search("qqqzzz", 25).is_empty());
    assert_eq!(catalog.search("", 25).len(), 25);

    let started = std::time::Instant::now();
    for query in [
        "e",
        "greater",
        "sup frst res",
        "chest healing",
        "xyz",
        "Arcane Spirit 2",
    ] {
        let _ = catalog.search(query, 25);
    }
    // Loose bound for unoptimised test builds; the benchmark measures properly.
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn odd_files_never_panic() {
    let odd = [
        "",
        " ",
        "null",
        "0",
        "\"items\"",
        "{\"items\": null}",
        "{\"items\": {\"\": []}}",
        "{\"items\": {\"A\": [null, [], {}, {\"name\": null, \"materials\": [null]}]}}",
        "{\"items\": {\"A\": [{\"name\": \"\\u0000\", \"materials\": [\"\\u0000 x1\"]}]}}",
        "{\"_items\": {}}",
        "\u{feff}{}",
        "{\"items\": {\"A\": [{\"name\": \"a\", \"materials\": [\"x\"]}]}}",
    ];
    for text in odd {
        let _ = load(&[("odd.json", text)]);
    }
    let deep = format!("{{\"items\": {}", "[".repeat(10_000));
    assert!(load(&[("deep.json", &deep)]).is_err());
}

#[test]
fn mangled_files_and_queries_never_panic() {
    let original = include_str!("../../catalog/enchanting.json");
    let pieces = [
        "", "\"", "{", "}", "[", "]", ",", ":", " x", "x0", "_", "\\u0000", "é", "null", "💎",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed >> 40).unwrap()
    };
    let catalog = Catalog::builtin().unwrap();
    for _ in 0..300 {
        let mut text = original.to_owned();
        for _ in 0..=next() % 4 {
            let mut at = next() % text.len();
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + next() % 8).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, pieces[next() % pieces.len()]);
        }
        let _ = load(&[("enchanting.json", &text)]);
        let query: String = text.chars().skip(next() % 200).take(next() % 40).collect();
        let _ = catalog.search(&query, 25);
    }
}

#[test]
fn a_leading_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{SMALL}");
    assert!(load(&[("enchanting.json", &text)]).is_ok());
}

/// Issue 18, item 5: translated names per locale, the guild's name where none is given.
#[test]
fn translated_names_load_for_items_professions_and_slots() {
    let file = r#"{
      "names": {"de": "Schmiedekunst", "fr": "Forge"},
      "slot_names": {"weapon": {"de": "Waffe"}, "Other": {"fr": "Autre"}},
      "items": {
        "Weapon": [
          {"name": "Iron Sword", "names": {"de": "Eisenschwert", "fr": "Épée de fer"}, "materials": []},
          {"name": "Steel Axe", "materials": []}
        ]
      },
      "other_recipes": [{"name": "Nails", "materials": []}]
    }"#;
    let catalog = load(&[("blacksmithing.json", file)]).unwrap();
    let german = crate::i18n::Locale::German.texts();
    let french = crate::i18n::Locale::French.texts();
    let english = crate::i18n::Texts::ENGLISH;
    let profession = catalog.profession("blacksmithing").unwrap();
    assert_eq!(profession.name_in(german), "Schmiedekunst");
    assert_eq!(profession.name_in(english), "Blacksmithing");
    let weapon = &profession.slots[0];
    assert_eq!(
        (weapon.name_in(german), weapon.name_in(french)),
        ("Waffe", "Weapon")
    );
    assert_eq!(profession.slots[1].name_in(french), "Autre");
    let sword = catalog
        .item("blacksmithing", "Weapon", "Iron Sword")
        .unwrap()
        .item;
    assert_eq!(sword.name_in(german), "Eisenschwert");
    assert_eq!(sword.name_in(french), "Épée de fer");
    assert_eq!(
        sword.name_in(crate::i18n::Locale::Spanish.texts()),
        "Iron Sword",
        "no Spanish name: the guild's"
    );
    assert_eq!(sword.name_in(english), "Iron Sword");
    // Looked up (and stored) by the guild's name only.
    assert!(catalog
        .item("blacksmithing", "Weapon", "Eisenschwert")
        .is_none());
    let axe = catalog
        .item("blacksmithing", "Weapon", "Steel Axe")
        .unwrap()
        .item;
    assert!(axe.names.is_empty());
    assert_eq!(axe.name_in(german), "Steel Axe");
    // A guild's slot filter keeps the names.
    let filtered = catalog.with_visible_slots(&["Weapon".to_owned()]);
    let kept = filtered.profession("blacksmithing").unwrap();
    assert_eq!(kept.name_in(german), "Schmiedekunst");
    assert_eq!(kept.slots[0].name_in(german), "Waffe");
}

#[test]
fn translated_names_are_validated_with_the_rest_of_the_file() {
    let found = problems(&[(
        "forge.json",
        r#"{
          "names": {"jp": "鍛冶"},
          "slot_names": {"Helm": {"de": "Helm"}, "Weapon": "Waffe"},
          "items": {"Weapon": [
            {"name": "Iron Sword", "names": {"de": "Eisenschwert", "xx-YY": "?", "fr": 5}, "materials": []}
          ]}
        }"#,
    )]);
    let all = found.join("\n");
    assert_eq!(found.len(), 5, "{all}");
    assert!(
        all.contains(r#"forge.json: "names" has the locale code "jp""#),
        "{all}"
    );
    assert!(all.contains("en-US, de, fr, es-ES, ru, pt-BR"), "{all}");
    assert!(
        all.contains(r#"forge.json: slot_names "Helm": the file has no such gear slot"#),
        "{all}"
    );
    assert!(
        all.contains(r#"slot_names "Weapon": "names" should be an object"#),
        "{all}"
    );
    assert!(
        all.contains(r#"slot "Weapon", item "Iron Sword": "names" has the locale code "xx-YY""#),
        "{all}"
    );
    assert!(all.contains(r#""names"."fr" should be a string"#), "{all}");
}

#[test]
fn the_builtin_catalog_names_some_items_in_every_shipped_language() {
    let catalog = Catalog::builtin().unwrap();
    let found = catalog
        .item("enchanting", "Boots", "Enchant Boots - Minor Agility")
        .unwrap();
    for locale in crate::i18n::Locale::ALL.into_iter().skip(1) {
        let texts = locale.texts();
        assert_ne!(found.item.name_in(texts), found.item.name, "{locale}");
        assert_ne!(found.slot.name_in(texts), "Boots", "{locale}");
        assert_ne!(found.profession.name_in(texts), "Enchanting", "{locale}");
    }
    assert_eq!(
        found.item.name_in(crate::i18n::Locale::German.texts()),
        "Stiefel - Schwache Beweglichkeit"
    );
}
