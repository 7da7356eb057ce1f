//! Property-based "fuzz" tests: whatever Discord, a catalog file, the configuration or a
//! member sends, the parsers never panic, and what they accept keeps its invariants.
//!
//! proptest rather than cargo-fuzz: it runs in plain `cargo test` on stable, so CI covers
//! it. Case counts are bounded so the module takes seconds in a debug build; set
//! `PROPTEST_CASES` (e.g. `PROPTEST_CASES=20000`) to run every property longer. A failing
//! case is shrunk and saved under `tests/proptest-regressions/fuzz.txt`, replayed first on
//! every later run; commit that file. Every property draws from one fixed seed (`cases`),
//! so CI is deterministic; set `PROPTEST_RNG_SEED` to explore other cases.

use craftdesk::catalog::{Catalog, Material, MAX_MATERIAL_QUANTITY, MAX_NAME_CHARS};
use craftdesk::config::Config;
use craftdesk::domain::{SessionKey, Snowflake, Timestamp};
use craftdesk::flow::custom_id::{
    flow_id, Action, BoardAction, CustomId, Form, PanelButton, StatusTab, FIXED_ACTIONS,
    MAX_CUSTOM_ID_LEN,
};
use craftdesk::flow::input::{
    parse_amount, parse_notes, CharacterName, Quantity, MAX_NAME_CHARS as MAX_CHARACTER_CHARS,
    MAX_NOTES_CHARS, MAX_QUANTITY, MIN_NAME_CHARS,
};
use craftdesk::flow::text::{
    is_bidi_control, is_line_break, neutralise, neutralise_note_line, truncate,
};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;
use secrecy::ExposeSecret;

/// `req_` + 19 digits + `_` + 19 digits (private in `domain::session_key`).
const MAX_SESSION_KEY_LEN: usize = 43;
/// Most materials in one recipe (private in `catalog::load`).
const MAX_MATERIALS_PER_ITEM: usize = 25;
/// Longest profession key, the file stem (private in `catalog::load`).
const MAX_PROFESSION_KEY_CHARS: usize = 32;
const I64_MAX: u64 = i64::MAX.unsigned_abs();

/// The seed every property starts from, so that plain `cargo test` (and CI) runs the same
/// cases every time: a failure is a change in the code, never a draw.
const SEED: u64 = 0x00c0_ffee_c0de_2026;

/// `cases` cases from [`SEED`], unless `PROPTEST_CASES` asks for another number or
/// `PROPTEST_RNG_SEED` for another seed (to explore beyond the fixed cases).
fn cases(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    let defaults = ProptestConfig::default();
    let rng_seed = if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
        defaults.rng_seed
    } else {
        RngSeed::Fixed(SEED)
    };
    ProptestConfig {
        cases,
        rng_seed,
        ..defaults
    }
}

// ---------------------------------------------------------------------------------------
// Text generators shared by every parser.
// ---------------------------------------------------------------------------------------

/// Text matching `regex`, compiled once (a `&str` strategy recompiles on every case).
fn re(regex: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(regex)
        .expect("a valid regex")
        .boxed()
}

/// Any characters (proptest favours controls, `\0`, BOM, RTL marks, astral planes…).
fn text(max: usize) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(any::<char>(), 0..=max).prop_map(String::from_iter)
}

/// Text built from pieces that matter to a parser, so structure shows up often.
fn pieces(alphabet: &[&'static str], max: usize) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(select(alphabet.to_vec()), 0..=max).prop_map(|p| p.concat())
}

/// A character that tends to break parsers when dropped into otherwise valid text.
fn nasty_char() -> impl Strategy<Value = char> + Clone {
    prop_oneof![
        2 => select(vec![
            ':', '_', '-', '+', '0', '9', ' ', '\t', '\n', '\r', '\0', 'x', 'X', '"', '\'', '=',
            '[', ']', '{', '}', ',', '.', '\\', '#', '@', '<', '\u{feff}', '\u{200b}', '\u{85}',
            '\u{3000}', 'é', 'İ', 'ß', '🐉', '\u{10ffff}',
        ]),
        1 => any::<char>(),
    ]
}

/// One edit of a mutation; positions are taken modulo the text's length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Remove(usize),
    Replace(usize, char),
    Truncate(usize),
    Repeat(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> + Clone {
    let edit = prop_oneof![
        (any::<usize>(), nasty_char()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), nasty_char()).prop_map(|(i, c)| Edit::Replace(i, c)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 1..8usize).prop_map(|(i, n)| Edit::Repeat(i, n)),
    ];
    prop::collection::vec(edit, 1..=4)
}

/// `text` with `edits` applied, character-wise (never splits a UTF-8 sequence).
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len();
        match *edit {
            Edit::Insert(i, c) => chars.insert(i % (len + 1), c),
            Edit::Remove(i) if len > 0 => {
                chars.remove(i % len);
            }
            Edit::Replace(i, c) if len > 0 => chars[i % len] = c,
            Edit::Truncate(i) => chars.truncate(i % (len + 1)),
            Edit::Repeat(i, n) if len > 0 => {
                let start = i % len;
                let end = (start + n).min(len);
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, copy);
            }
            Edit::Remove(_) | Edit::Replace(..) | Edit::Repeat(..) => {}
        }
    }
    chars.into_iter().collect()
}

// ---------------------------------------------------------------------------------------
// custom_id and session keys
// ---------------------------------------------------------------------------------------

fn snowflake() -> impl Strategy<Value = Snowflake> + Clone {
    prop_oneof![
        Just(1),
        Just(I64_MAX),
        1..=I64_MAX,
        100_000_000_000_000_000..1_500_000_000_000_000_000u64,
    ]
    .prop_map(|id| Snowflake::new(id).expect("in range"))
}

/// Milliseconds a session key can hold: the Unix epoch onwards.
fn millis() -> impl Strategy<Value = i64> + Clone {
    prop_oneof![
        Just(0),
        Just(i64::MAX),
        0..=i64::MAX,
        1_600_000_000_000..2_500_000_000_000i64,
    ]
}

fn session_key() -> impl Strategy<Value = SessionKey> + Clone {
    (snowflake(), millis()).prop_map(|(user, at)| SessionKey::new(user, Timestamp::from_millis(at)))
}

fn action() -> impl Strategy<Value = Action> + Clone {
    let fixed: Vec<Action> = FIXED_ACTIONS.iter().map(|(action, _)| *action).collect();
    prop_oneof![
        3 => select(fixed),
        1 => any::<u16>().prop_map(Action::Page),
        1 => any::<u8>().prop_map(|n| Action::Modal(Form::Amounts(n))),
        1 => any::<u16>().prop_map(|n| Action::StatusView(StatusTab::History(n))),
    ]
}

fn custom_id() -> impl Strategy<Value = CustomId> + Clone {
    prop_oneof![
        3 => (session_key(), action()).prop_map(|(key, action)| CustomId::Flow { key, action }),
        1 => (snowflake(), select(PanelButton::ALL.to_vec()))
            .prop_map(|(guild_id, button)| CustomId::Panel { guild_id, button }),
        1 => (snowflake(), any::<u32>(), select(BoardAction::ALL.to_vec())).prop_map(
            |(guild_id, number, action)| CustomId::Board {
                guild_id,
                number,
                action,
            }
        ),
    ]
}

/// Candidate `custom_id`s: anything, `:`-heavy pieces, and near misses of valid ids.
fn custom_id_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        ":",
        ":",
        ":",
        "cd1",
        "cd2",
        "panel",
        "board",
        "req_",
        "_",
        "1",
        "0",
        "9",
        "-",
        "+",
        "42",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551616",
        "pg",
        "fa",
        "st",
        "h",
        "pending",
        "m",
        "all",
        "q",
        "ok",
        "claim",
        "create",
        " ",
        "é",
        "🐉",
        "\0",
    ];
    prop_oneof![
        2 => text(40),
        1 => text(300),
        2 => pieces(PIECES, 24),
        1 => pieces(PIECES, 24).prop_map(|rest| format!("cd1:{rest}")),
        2 => custom_id().prop_map(|id| id.to_string()),
        // Same id, other spelling: leading zeros, spaces around a guild id.
        1 => custom_id().prop_map(|id| id.to_string().replace(":1", ":001").replace("panel:", "panel: ")),
        4 => (custom_id(), edits()).prop_map(|(id, edits)| mutate(&id.to_string(), &edits)),
        1 => (custom_id(), text(120)).prop_map(|(id, tail)| format!("{id}{tail}")),
    ]
}

fn session_key_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "req_",
        "req",
        "_",
        "_",
        "0",
        "1",
        "7",
        "9",
        "00",
        "-",
        "+",
        " ",
        "１",
        "٣",
        "é",
        "9223372036854775807",
        "9223372036854775808",
    ];
    prop_oneof![
        2 => text(60),
        2 => pieces(PIECES, 12),
        1 => (re("[0-9]{0,25}"), re("[0-9]{0,25}")).prop_map(|(u, m)| format!("req_{u}_{m}")),
        3 => (session_key(), edits()).prop_map(|(key, edits)| mutate(&key.to_string(), &edits)),
    ]
}

proptest! {
    #![proptest_config(cases(2_048))]

    #[test]
    fn custom_id_parse_never_panics_and_what_it_accepts_round_trips(text in custom_id_text()) {
        if let Ok(id) = CustomId::parse(&text) {
            prop_assert!(text.len() <= MAX_CUSTOM_ID_LEN, "accepted {} bytes", text.len());
            let again = id.to_string();
            prop_assert!(again.len() <= MAX_CUSTOM_ID_LEN, "{again:?} is too long");
            prop_assert_eq!(CustomId::parse(&again), Ok(id));
        }
    }

    #[test]
    fn every_valid_custom_id_round_trips_within_discords_limit(id in custom_id()) {
        let text = id.to_string();
        prop_assert!(text.len() <= MAX_CUSTOM_ID_LEN, "{text:?} is too long");
        if let CustomId::Flow { key, action } = &id {
            prop_assert_eq!(&flow_id(key, *action), &text);
        }
        prop_assert_eq!(CustomId::parse(&text), Ok(id));
    }

    #[test]
    fn session_key_parse_never_panics_and_what_it_accepts_round_trips(
        text in session_key_text(),
    ) {
        if let Ok(key) = SessionKey::parse(&text) {
            let again = key.to_string();
            prop_assert!(again.len() <= MAX_SESSION_KEY_LEN, "{again:?} is too long");
            prop_assert_eq!(SessionKey::parse(&again), Ok(key));
        }
    }

    #[test]
    fn every_valid_session_key_round_trips(user in snowflake(), at in millis()) {
        let key = SessionKey::new(user, Timestamp::from_millis(at));
        let text = key.to_string();
        prop_assert!(text.len() <= MAX_SESSION_KEY_LEN, "{text:?} is too long");
        let parsed = SessionKey::parse(&text);
        prop_assert_eq!(parsed.as_ref().map(SessionKey::user_id), Ok(user));
        prop_assert_eq!(parsed.as_ref().map(SessionKey::millis), Ok(at));
        prop_assert_eq!(parsed, Ok(key.clone()));
        let next = key.next();
        prop_assert_eq!(SessionKey::parse(&next.to_string()), Ok(next));
    }
}

// ---------------------------------------------------------------------------------------
// Catalog files
// ---------------------------------------------------------------------------------------

/// `s` as a JSON string literal (escapes every control character).
fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// JSON numbers, including ones `serde_json` refuses or cannot represent exactly.
fn json_number() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        select(vec![
            "0",
            "-0",
            "-1",
            "1.5",
            "1e999",
            "-1e999",
            "1e-999",
            "18446744073709551616",
            "123456789012345678901234567890",
            "-9223372036854775809",
            "00",
            "1.",
            ".5",
            "NaN",
            "Infinity",
        ])
        .prop_map(str::to_owned),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
    ]
}

/// Object keys: the catalog's own, comments, near misses and anything.
fn json_key() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        3 => select(vec![
            "items", "other_recipes", "name", "materials", "_comment", "_", "Items", "ITEMS",
            "", " items", "Head", "Other", "other", "  ", "__proto__",
        ])
        .prop_map(str::to_owned),
        1 => text(12),
    ]
}

/// Any JSON value, nested a few levels, as text. Objects may repeat keys.
fn json_value() -> impl Strategy<Value = String> + Clone {
    let leaf = prop_oneof![
        select(vec!["null", "true", "false", "[]", "{}", "\"\""]).prop_map(str::to_owned),
        json_number(),
        text(24).prop_map(|s| json_string(&s)),
        material_text().prop_map(|s| json_string(&s)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((json_key(), inner), 0..8).prop_map(|fields| object(&fields)),
        ]
    })
}

fn object(fields: &[(String, String)]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}: {v}", json_string(k)))
        .collect();
    format!("{{{}}}", fields.join(", "))
}

/// Names as catalog authors write them, and as they get them wrong.
fn name_text() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => re("[A-Z][a-z]{1,8}( [A-Za-z']{1,8}){0,3}"),
        1 => text(12),
        1 => re("[a-z]{95,110}"),
        1 => select(vec![
            "", "  ", "x4", "x4 Dust", "Dust x", "Dream\u{7}Dust", "\u{feff}Shard", "İnci", "ß",
            "🐉 Scale", "a\u{0}b", "Shard x4 x5", "Other", "other",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Material lines: `<name> xN` with good and bad quantities, and anything else.
fn material_text() -> impl Strategy<Value = String> + Clone {
    let suffix = prop_oneof![
        3 => select(vec![
            "", " x1", " x4", " X12", " x10000", " x10001", " x0", " x-1", " x+3", " x1.5",
            " x 4", " X 4", " x007", " x4k", "x4", " x99999999999999999999", " x\u{0}",
            " x٣", " x１",
        ])
        .prop_map(str::to_owned),
        1 => any::<u32>().prop_map(|q| format!(" x{q}")),
        1 => (0..=MAX_MATERIAL_QUANTITY).prop_map(|q| format!(" x{q}")),
    ];
    prop_oneof![
        4 => (name_text(), suffix).prop_map(|(name, suffix)| format!("{name}{suffix}")),
        1 => text(20),
        1 => (select(vec!["x4 ", "X1 ", "x-2 ", " "]), name_text())
            .prop_map(|(head, name)| format!("{head}{name}")),
    ]
}

/// One entry of a slot's list: usually an item object, sometimes broken.
fn item_json() -> impl Strategy<Value = String> + Clone {
    let name = prop_oneof![
        6 => name_text().prop_map(|n| json_string(&n)),
        1 => json_value(),
    ];
    let material = prop_oneof![
        6 => material_text().prop_map(|m| json_string(&m)),
        1 => json_value(),
    ];
    let materials = prop_oneof![
        8 => prop::collection::vec(material.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
        1 => prop::collection::vec(material, 20..32).prop_map(|v| format!("[{}]", v.join(","))),
        1 => json_value(),
    ];
    prop_oneof![
        12 => (name, materials, 0..6u8).prop_map(|(name, materials, shape)| match shape {
            0 => format!(r#"{{"materials": {materials}}}"#),
            1 => format!(r#"{{"name": {name}}}"#),
            2 => format!(r#"{{"name": {name}, "name": {name}, "materials": {materials}}}"#),
            3 => format!(
                r#"{{"_comment": {name}, "materials": {materials}, "name": {name}, "extra": 1}}"#
            ),
            _ => format!(r#"{{"name": {name}, "materials": {materials}}}"#),
        }),
        1 => json_value(),
    ]
}

fn slot_list() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        8 => prop::collection::vec(item_json(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
        1 => json_value(),
    ]
}

/// A profession file in the Profession-Request bot's shape, with every part sometimes
/// missing, duplicated, of the wrong type, or wrapped in noise.
fn catalog_json() -> impl Strategy<Value = String> {
    let slot_name = prop_oneof![
        4 => select(vec!["Head", "Chest", "Weapon", "Other", "other", "_notes", ""]).prop_map(str::to_owned),
        2 => name_text(),
    ];
    let items = prop_oneof![
        8 => prop::collection::vec((slot_name, slot_list()), 0..5).prop_map(|slots| object(&slots)),
        1 => json_value(),
    ];
    let file = (
        prop::option::weighted(0.9, items),
        prop::option::weighted(0.3, slot_list()),
        prop::collection::vec((json_key(), json_value()), 0..3),
        any::<bool>(),
    )
        .prop_map(|(items, other, mut extra, duplicate)| {
            let mut fields = Vec::new();
            if let Some(items) = items {
                if duplicate {
                    fields.push(("items".to_owned(), "{}".to_owned()));
                }
                fields.push(("items".to_owned(), items));
            }
            if let Some(other) = other {
                fields.push(("other_recipes".to_owned(), other));
            }
            fields.append(&mut extra);
            object(&fields)
        });
    let wrapped = (
        file,
        select(vec![
            "",
            "",
            "",
            "\u{feff}",
            "\u{feff}\u{feff}",
            " \n\t",
            "\0",
        ]),
        select(vec!["", "", "", "\n", " x", "}", "]", ",", "\u{feff}"]),
    )
        .prop_map(|(file, head, tail)| format!("{head}{file}{tail}"));
    prop_oneof![
        8 => wrapped.clone(),
        2 => (wrapped, edits()).prop_map(|(file, edits)| mutate(&file, &edits)),
        1 => text(200),
        1 => json_value(),
        1 => (1..400usize, select(vec!["[", "{\"items\":", "{\"items\":{\"a\":[{\"name\":\"x\",\"materials\":"]))
            .prop_map(|(depth, open)| open.repeat(depth)),
        1 => (100..200usize).prop_map(|depth| {
            format!(
                r#"{{"items": {{"Head": [{{"name": "Deep", "materials": {}"x"{}}}]}}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        }),
    ]
}

fn catalog_file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => re("[a-z][a-z0-9_-]{0,12}\\.json"),
        1 => select(vec![
            "enchanting.json", "Tailoring.JSON", "first_aid.json", ".json", "a.json.json",
            "x.txt", "", "dir/sub.json", "a b.json", "Äö.json", "-.json", "_.json",
            "abcdefghijklmnopqrstuvwxyzabcdefg.json",
        ])
        .prop_map(str::to_owned),
        1 => text(16),
    ]
}

/// Names a catalog accepts: letters (any script), words, apostrophes.
fn good_name() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        3 => re("[A-Z][a-z]{1,8}( [A-Za-z']{1,8}){0,3}"),
        1 => re("\\p{L}[\\p{L}\\p{N}'-]{0,10}( \\p{L}{1,10}){0,2}"),
        1 => re(" *[A-Z][a-z]{80,98} *"),
    ]
}

/// A profession file that should load: good names and quantities, comments, a BOM.
fn clean_catalog_json() -> impl Strategy<Value = String> {
    let material = (
        good_name(),
        prop_oneof![
            Just(String::new()),
            (1..=MAX_MATERIAL_QUANTITY).prop_map(|q| format!(" x{q}")),
            (1..=MAX_MATERIAL_QUANTITY).prop_map(|q| format!("  X{q:05} ")),
        ],
    )
        .prop_map(|(name, quantity)| json_string(&format!("{name}{quantity}")));
    let item = (
        good_name(),
        prop::collection::vec(material, 0..5),
        any::<bool>(),
    )
        .prop_map(|(name, materials, comment)| {
            let comment = if comment {
                r#""_note": [1, {"x": null}], "#
            } else {
                ""
            };
            format!(
                r#"{{{comment}"name": {}, "materials": [{}]}}"#,
                json_string(&name),
                materials.join(", ")
            )
        });
    let list = prop::collection::vec(item, 0..5).prop_map(|v| format!("[{}]", v.join(", ")));
    let slots =
        prop::collection::vec((good_name(), list.clone()), 1..4).prop_map(|slots| object(&slots));
    (
        slots,
        prop::option::of(list),
        select(vec!["", "\u{feff}", "\n  "]),
    )
        .prop_map(|(slots, other, head)| {
            let other = other.map_or_else(String::new, |o| format!(r#", "other_recipes": {o}"#));
            format!(r#"{head}{{"_comment": "x", "items": {slots}{other}, "unknown": 1}}"#)
        })
}

fn catalog_files() -> impl Strategy<Value = Vec<(String, String)>> {
    prop_oneof![
        2 => prop::collection::vec((catalog_file_name(), catalog_json()), 0..4),
        3 => prop::collection::vec((re("[a-z][a-z0-9_-]{0,12}\\.json"), clean_catalog_json()), 1..4),
        1 => (
            prop::collection::vec((re("[a-z][a-z0-9_-]{0,12}\\.json"), clean_catalog_json()), 1..3),
            catalog_file_name(),
            catalog_json(),
        )
            .prop_map(|(mut files, name, text)| {
                files.push((name, text));
                files
            }),
    ]
}

fn search_query() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => text(12),
        1 => text(300),
        2 => re("[a-z ]{0,12}"),
        1 => name_text(),
    ]
}

/// What every catalog that loads guarantees, and that search stays within its limit.
fn check_catalog(catalog: &Catalog, queries: &[(String, usize)]) -> Result<(), TestCaseError> {
    let mut items = 0;
    for profession in catalog.professions() {
        prop_assert!(!profession.key.is_empty());
        prop_assert!(profession.key.chars().count() <= MAX_PROFESSION_KEY_CHARS);
        prop_assert!(!profession.slots.is_empty(), "{}: no slots", profession.key);
        for slot in &profession.slots {
            check_name(&slot.name)?;
            prop_assert!(!slot.items.is_empty(), "slot {:?} is empty", slot.name);
            for item in &slot.items {
                check_name(&item.name)?;
                prop_assert!(item.materials.len() <= MAX_MATERIALS_PER_ITEM);
                for material in &item.materials {
                    check_name(&material.name)?;
                    prop_assert!((1..=MAX_MATERIAL_QUANTITY).contains(&material.quantity));
                }
                let found = catalog.item(&profession.key, &slot.name, &item.name);
                prop_assert!(found.is_some(), "cannot look up {:?}", item.name);
                prop_assert!(
                    !catalog.search(&item.name, 3).is_empty(),
                    "searching for {:?} finds nothing",
                    item.name
                );
                items += 1;
            }
        }
    }
    prop_assert_eq!(catalog.item_count(), items);
    for (query, limit) in queries {
        let found = catalog.search(query, *limit);
        prop_assert!(
            found.len() <= *limit,
            "{} results for limit {limit}",
            found.len()
        );
    }
    prop_assert_eq!(catalog.search("", 25).len(), items.min(25));
    Ok(())
}

/// Catalog names: trimmed, non-empty, at most 100 characters, no control characters.
fn check_name(name: &str) -> Result<(), TestCaseError> {
    prop_assert!(!name.is_empty(), "empty name");
    prop_assert_eq!(name.trim(), name);
    prop_assert!(
        name.chars().count() <= MAX_NAME_CHARS,
        "{name:?} is too long"
    );
    prop_assert!(!name.chars().any(char::is_control), "{name:?} has controls");
    Ok(())
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn catalog_loading_never_panics_and_what_loads_is_well_formed(
        files in catalog_files(),
        queries in prop::collection::vec((search_query(), 0..30usize), 0..4),
    ) {
        match Catalog::from_files(files) {
            Ok(catalog) => check_catalog(&catalog, &queries)?,
            Err(error) => {
                prop_assert!(!error.problems.is_empty());
                let _ = error.to_string();
            }
        }
    }

    #[test]
    fn catalog_loading_never_panics_on_any_text(name in catalog_file_name(), text in text(400)) {
        if let Ok(catalog) = Catalog::from_files([(name, text)]) {
            check_catalog(&catalog, &[])?;
        }
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn search_stays_within_its_limit_on_the_builtin_catalog(
        query in search_query(),
        limit in prop_oneof![0..30usize, Just(usize::MAX)],
    ) {
        let catalog = builtin();
        let found = catalog.search(&query, limit);
        prop_assert!(found.len() <= limit.min(catalog.item_count()));
    }
}

fn builtin() -> &'static Catalog {
    static BUILTIN: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| Catalog::builtin().expect("the built-in catalog loads"))
}

proptest! {
    #![proptest_config(cases(4_096))]

    #[test]
    fn material_parse_never_panics_and_keeps_its_documented_range(
        text in prop_oneof![3 => material_text(), 1 => text(120)],
    ) {
        if let Ok(material) = Material::parse(&text) {
            prop_assert!(
                (1..=MAX_MATERIAL_QUANTITY).contains(&material.quantity),
                "{text:?} → {}",
                material.quantity
            );
            check_name(&material.name)?;
            prop_assert!(text.contains(material.name.as_str()));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/// Every key the configuration knows, in any section, and a few it does not.
const CONFIG_KEYS: &[&str] = &[
    "token",
    "api_base",
    "command_scope",
    "path",
    "pool_size",
    "busy_timeout",
    "ttl",
    "touch_threshold",
    "max_open_per_user",
    "interval",
    "temp_channel_ttl",
    "batch_size",
    "max_backoff",
    "dir",
    "keep",
    "format",
    "level",
    "metrics_addr",
    "id",
    "mode",
    "request_category_id",
    "overflow_category_ids",
    "panel_channel_id",
    "board_channel_id",
    "log_channel_id",
    "officer_role_ids",
    "register_role_id",
    "core_role_ids",
    "catalog",
    "gear_slots",
    "crafter_roles",
    "crafter_roles.enchanting",
    "notifications",
    "notifications.claim",
    "limits",
    "limits.max_open_requests",
    "limits.submit_cooldown",
    "limits.submit_burst",
    "limits.submits_per_minute",
    "discord",
    "guild",
    "unknown",
    "\"quoted key\"",
    "a.b.c",
];

/// `s` as a TOML basic string (JSON's escapes are a subset of TOML's).
fn toml_string(s: &str) -> String {
    json_string(s)
}

/// A TOML value as text: right and wrong types, huge numbers, odd durations and ids.
fn toml_value() -> impl Strategy<Value = String> + Clone {
    let words = select(vec![
        "0s",
        "-1s",
        "1ns",
        "30s",
        "5 s",
        "1h 30m",
        "1y",
        "9999999999999h",
        "18446744073709551615s",
        "18446744073709551616s",
        "999999999999999999999999d",
        "1.5s",
        "s",
        "",
        "guild",
        "global",
        "dm",
        "channel",
        "DM",
        "pretty",
        "json",
        "info",
        "craftdesk=debug",
        "[{",
        "x[{a=/(a+)+$/}]=trace",
        "=,=",
        "127.0.0.1:9000",
        "[::1]:0",
        "300.0.0.1:1",
        "http://localhost:1",
        "https://",
        "discord.com",
        "111",
        "0",
        "-5",
        " 7 ",
        "9223372036854775808",
        "/tmp/x",
    ])
    .prop_map(toml_string);
    let leaf = prop_oneof![
        4 => words,
        2 => select(vec![
            "0", "1", "-1", "4", "64", "65", "1000", "1001", "4294967295", "4294967296",
            "9223372036854775807", "-9223372036854775808", "99999999999999999999", "0x10",
            "0o7", "0b1", "1_000", "+5", "1.5", "-0.0", "1e400", "nan", "inf", "-inf", "true",
            "false", "1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "[]", "{}",
        ])
        .prop_map(str::to_owned),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => text(16).prop_map(|s| toml_string(&s)),
        1 => text(16).prop_map(|s| format!("'{s}'")),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((select(CONFIG_KEYS.to_vec()), inner), 0..4).prop_map(|kv| {
                let kv: Vec<String> = kv.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", kv.join(", "))
            }),
        ]
    })
}

fn toml_line() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        8 => (
            prop_oneof![6 => select(CONFIG_KEYS.to_vec()).prop_map(str::to_owned), 1 => re("[a-z_]{1,10}")],
            toml_value(),
        )
            .prop_map(|(key, value)| format!("{key} = {value}")),
        1 => text(30),
        1 => Just("# a comment".to_owned()),
    ]
}

/// A configuration file of random sections, keys and values; sometimes mutated.
fn toml_doc() -> impl Strategy<Value = String> + Clone {
    let header = prop_oneof![
        8 => select(vec![
            "", "[discord]", "[database]", "[sessions]", "[cleanup]", "[backup]", "[telemetry]",
            "[[guild]]", "[[guild]]", "[guild]", "[[discord]]", "[guild.notifications]",
            "[guild.limits]", "[[guild.limits]]", "[guild.crafter_roles]", "[unknown]", "[]",
            "[[]]", "[ discord ]", "[\"discord\"]", "[discord.token]",
        ])
        .prop_map(str::to_owned),
        1 => re("\\[[a-z._]{0,12}\\]"),
    ];
    let block = (header, prop::collection::vec(toml_line(), 0..6))
        .prop_map(|(header, lines)| format!("{header}\n{}\n", lines.join("\n")));
    prop::collection::vec(block, 0..6).prop_map(|blocks| blocks.concat())
}

/// What a configuration key holds, for generating mostly-right values.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Duration,
    Count,
    Id,
    Ids,
    Scope,
    Mode,
    Format,
    Level,
    Addr,
    Path,
    Url,
    Slots,
    Roles,
    Notifications,
    Limits,
}

const SECTIONS: &[(&str, &[(&str, Kind)])] = &[
    (
        "discord",
        &[("api_base", Kind::Url), ("command_scope", Kind::Scope)],
    ),
    (
        "database",
        &[
            ("path", Kind::Path),
            ("pool_size", Kind::Count),
            ("busy_timeout", Kind::Duration),
        ],
    ),
    (
        "sessions",
        &[
            ("ttl", Kind::Duration),
            ("touch_threshold", Kind::Duration),
            ("max_open_per_user", Kind::Count),
        ],
    ),
    (
        "cleanup",
        &[
            ("interval", Kind::Duration),
            ("temp_channel_ttl", Kind::Duration),
            ("batch_size", Kind::Count),
            ("max_backoff", Kind::Duration),
        ],
    ),
    (
        "backup",
        &[
            ("dir", Kind::Path),
            ("interval", Kind::Duration),
            ("keep", Kind::Count),
        ],
    ),
    (
        "telemetry",
        &[
            ("format", Kind::Format),
            ("level", Kind::Level),
            ("metrics_addr", Kind::Addr),
        ],
    ),
];

const GUILD_KEYS: &[(&str, Kind)] = &[
    ("overflow_category_ids", Kind::Ids),
    ("panel_channel_id", Kind::Id),
    ("board_channel_id", Kind::Id),
    ("log_channel_id", Kind::Id),
    ("officer_role_ids", Kind::Ids),
    ("register_role_id", Kind::Id),
    ("core_role_ids", Kind::Ids),
    ("catalog", Kind::Path),
    ("gear_slots", Kind::Slots),
    ("crafter_roles", Kind::Roles),
    ("notifications", Kind::Notifications),
    ("limits", Kind::Limits),
];

/// A value for `kind`: usually a good one, sometimes of the right type but out of range,
/// sometimes anything.
fn value_of(kind: Kind) -> BoxedStrategy<String> {
    prop_oneof![12 => good_value(kind), 2 => typed_value(kind), 1 => toml_value()].boxed()
}

/// A value of `kind`'s type, in range or not.
fn typed_value(kind: Kind) -> BoxedStrategy<String> {
    let quoted = |values: &[&'static str]| select(values.to_vec()).prop_map(toml_string).boxed();
    match kind {
        Kind::Duration => prop_oneof![
            3 => quoted(&["30s", "1h", "5m 3s", "1ns", "2days", "9999999999999h", "0s", "-1s", "1y"]),
            1 => (1..100_000u32).prop_map(|n| format!("\"{n}ms\"")),
        ]
        .boxed(),
        Kind::Count => prop_oneof![
            3 => (0..1_100u32).prop_map(|n| n.to_string()),
            1 => any::<i64>().prop_map(|n| n.to_string()),
            1 => Just("4294967296".to_owned()),
        ]
        .boxed(),
        Kind::Id => prop_oneof![
            (1..=I64_MAX).prop_map(|n| n.to_string()),
            (1..=I64_MAX).prop_map(|n| format!("\"{n}\"")),
            quoted(&["0", "-5", "x", "18446744073709551615"]),
        ]
        .boxed(),
        Kind::Ids => prop::collection::vec(value_of(Kind::Id), 0..4)
            .prop_map(|v| format!("[{}]", v.join(", ")))
            .boxed(),
        Kind::Scope => quoted(&["guild", "global", "Guild"]),
        Kind::Mode => quoted(&["dm", "channel", "dm "]),
        Kind::Format => quoted(&["pretty", "json", "xml"]),
        Kind::Level => prop_oneof![
            3 => quoted(&["info", "craftdesk=debug", "warn,craftdesk=trace", "", "off", "x[{a=1}]"]),
            1 => text(12).prop_map(|s| toml_string(&s)),
        ]
        .boxed(),
        Kind::Addr => quoted(&["127.0.0.1:9000", "[::1]:0", "0.0.0.0:65535", "localhost:1", "1.2.3.4"]),
        Kind::Path => prop_oneof![
            quoted(&["/data/x.sqlite", "", "rel/dir", "\\\\?\\C:\\x"]),
            text(12).prop_map(|s| toml_string(&s)),
        ]
        .boxed(),
        Kind::Url => quoted(&["https://discord.com", "http://127.0.0.1:1", "ftp://x", "", "https://"]),
        Kind::Slots => prop::collection::vec(
            prop_oneof![3 => good_name(), 1 => text(6)].prop_map(|s| toml_string(&s)),
            0..4,
        )
        .prop_map(|v| format!("[{}]", v.join(", ")))
        .boxed(),
        Kind::Roles => prop::collection::vec((prop_oneof![3 => re("[a-z_]{1,10}"), 1 => text(6)], value_of(Kind::Id)), 0..3)
            .prop_map(|v| {
                let v: Vec<String> = v.iter().map(|(k, id)| format!("{} = {id}", toml_string(k))).collect();
                format!("{{ {} }}", v.join(", "))
            })
            .boxed(),
        Kind::Notifications => prop::collection::vec((select(vec!["claim", "start", "complete", "release", "deny", "cancel", "reassign", "other"]), any::<bool>()), 0..4)
            .prop_map(|v| {
                let v: Vec<String> = v.iter().map(|(k, b)| format!("{k} = {b}")).collect();
                format!("{{ {} }}", v.join(", "))
            })
            .boxed(),
        Kind::Limits => (prop::option::of(value_of(Kind::Count)), prop::option::of(value_of(Kind::Duration)))
            .prop_map(|(max, cooldown)| {
                let mut v = Vec::new();
                if let Some(max) = max {
                    v.push(format!("max_open_requests = {max}"));
                }
                if let Some(cooldown) = cooldown {
                    v.push(format!("submit_cooldown = {cooldown}"));
                }
                format!("{{ {} }}", v.join(", "))
            })
            .boxed(),
    }
}

/// A value `kind` accepts.
fn good_value(kind: Kind) -> BoxedStrategy<String> {
    let quoted = |values: &[&'static str]| select(values.to_vec()).prop_map(toml_string).boxed();
    let id = prop_oneof![
        (1..=I64_MAX).prop_map(|n| n.to_string()),
        (1..=I64_MAX).prop_map(|n| format!("\"{n}\"")),
    ];
    match kind {
        Kind::Duration => quoted(&["30s", "1h", "5m 3s", "1ns", "2days", "9999999999999h", "1y"]),
        Kind::Count => (1..=25u32).prop_map(|n| n.to_string()).boxed(),
        Kind::Id => id.boxed(),
        Kind::Ids => prop::collection::vec(id, 0..4)
            .prop_map(|v| format!("[{}]", v.join(", ")))
            .boxed(),
        Kind::Scope => quoted(&["guild", "global"]),
        Kind::Mode => quoted(&["dm"]),
        Kind::Format => quoted(&["pretty", "json"]),
        Kind::Level => quoted(&["info", "craftdesk=debug", "warn,craftdesk=trace", "off"]),
        Kind::Addr => quoted(&["127.0.0.1:9000", "[::1]:0", "0.0.0.0:65535"]),
        Kind::Path => prop_oneof![
            quoted(&["/data/x.sqlite", "rel/dir", "catalog"]),
            "[a-z/._-]{1,12}".prop_map(|s| toml_string(&s)),
        ]
        .boxed(),
        Kind::Url => quoted(&["https://discord.com", "http://127.0.0.1:1"]),
        Kind::Slots => prop::collection::vec(good_name().prop_map(|s| toml_string(&s)), 1..4)
            .prop_map(|v| format!("[{}]", v.join(", ")))
            .boxed(),
        Kind::Roles => prop::collection::btree_map(re("[a-z_]{1,10}"), good_value(Kind::Id), 0..3)
            .prop_map(|v| {
                let v: Vec<String> = v.iter().map(|(k, id)| format!("{k} = {id}")).collect();
                format!("{{ {} }}", v.join(", "))
            })
            .boxed(),
        Kind::Notifications => prop::collection::btree_map(
            select(vec![
                "claim", "start", "complete", "release", "deny", "cancel", "reassign",
            ]),
            any::<bool>(),
            0..4,
        )
        .prop_map(|v| {
            let v: Vec<String> = v.iter().map(|(k, b)| format!("{k} = {b}")).collect();
            format!("{{ {} }}", v.join(", "))
        })
        .boxed(),
        Kind::Limits => (good_value(Kind::Count), good_value(Kind::Duration))
            .prop_map(|(max, cooldown)| {
                format!("{{ max_open_requests = {max}, submit_cooldown = {cooldown} }}")
            })
            .boxed(),
    }
}

/// `key = value` lines of one section, keys from `keys`, values mostly of the right type.
fn lines_of(keys: &'static [(&'static str, Kind)]) -> impl Strategy<Value = String> + Clone {
    prop::sample::subsequence(keys.to_vec(), 0..=keys.len().min(3))
        .prop_flat_map(|keys| {
            keys.into_iter()
                .map(|(key, kind)| value_of(kind).prop_map(move |v| format!("{key} = {v}")))
                .collect::<Vec<_>>()
        })
        .prop_map(|lines| lines.join("\n"))
}

/// The body of a configuration that mostly loads: `[discord]` keys first (no header, the
/// caller writes it and the token), then the other sections and `[[guild]]` tables.
fn near_valid_body() -> impl Strategy<Value = String> + Clone {
    let sections: Vec<BoxedStrategy<String>> = SECTIONS
        .iter()
        .map(|&(name, keys)| {
            prop_oneof![1 => Just(String::new()), 1 => lines_of(keys)]
                .prop_map(move |lines| {
                    if lines.is_empty() || name == "discord" {
                        lines
                    } else {
                        format!("[{name}]\n{lines}")
                    }
                })
                .boxed()
        })
        .collect();
    let guild = (
        value_of(Kind::Id),
        select(vec!["dm", "channel"]),
        lines_of(GUILD_KEYS),
    )
        .prop_map(|(id, mode, lines)| {
            format!("[[guild]]\nid = {id}\nmode = \"{mode}\"\nrequest_category_id = 222\n{lines}")
        });
    (sections, prop::collection::vec(guild, 0..3)).prop_map(|(sections, guilds)| {
        let mut text = sections.join("\n");
        text.push('\n');
        text.push_str(&guilds.join("\n"));
        text
    })
}

/// What follows a `[discord]` header: anything, random documents, or a mostly-valid body.
fn config_body() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => text(200),
        2 => toml_doc(),
        1 => (toml_doc(), edits()).prop_map(|(doc, edits)| mutate(&doc, &edits)),
        4 => near_valid_body(),
        1 => (near_valid_body(), edits()).prop_map(|(doc, edits)| mutate(&doc, &edits)),
    ]
}

fn config_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => text(200),
        1 => toml_doc(),
        4 => config_body().prop_map(|body| format!("[discord]\ntoken = \"abc.def\"\n{body}")),
        1 => config_body().prop_map(|body| format!("[discord]\n{body}")),
    ]
}

/// Environment variables: `CRAFTDESK__…` with odd paths, `DISCORD_TOKEN`, and others.
fn odd_env() -> impl Strategy<Value = (String, String)> {
    let part = select(vec![
        "",
        "discord",
        "DISCORD",
        "token",
        "TOKEN",
        "guild",
        "GUILD",
        "0",
        "1",
        "99",
        "-1",
        "mode",
        "MODE",
        "database",
        "pool_size",
        "POOL_SIZE",
        "sessions",
        "ttl",
        "telemetry",
        "level",
        "limits",
        "max_open_requests",
        "notifications",
        "claim",
        "x",
        "_",
    ]);
    let name = prop_oneof![
        6 => prop::collection::vec(part, 0..5).prop_map(|p| format!("CRAFTDESK__{}", p.join("__"))),
        1 => select(vec![
            "DISCORD_TOKEN", "CRAFTDESK__", "CRAFTDESK___", "CRAFTDESK____", "CRAFTDESK",
            "CRAFTDESK__GUILD__99__MODE", "CRAFTDESK__GUILD____MODE", "PATH",
        ])
        .prop_map(str::to_owned),
        1 => re("CRAFTDESK__[A-Za-z0-9_]{0,20}"),
        1 => text(12),
    ];
    let value = prop_oneof![
        3 => toml_value(),
        1 => text(20),
        1 => select(vec!["", "[1,2", "{", "\"unterminated", "5s", "dm", "true", "1e400"])
            .prop_map(str::to_owned),
    ];
    (name, value)
}

/// `CRAFTDESK__SECTION__KEY` overrides with mostly-right values, as operators write them.
fn good_env() -> impl Strategy<Value = (String, String)> {
    let section = select(SECTIONS.to_vec()).prop_flat_map(|(section, keys)| {
        select(keys.to_vec()).prop_flat_map(move |(key, kind)| {
            value_of(kind).prop_map(move |v| {
                // Strings go unquoted, as in a shell (`…__TTL=30s`), unless they hold spaces.
                let v = match serde_json::from_str::<String>(&v) {
                    Ok(raw) if !raw.contains(' ') => raw,
                    _ => v,
                };
                (
                    format!("CRAFTDESK__{section}__{key}").to_ascii_uppercase(),
                    v,
                )
            })
        })
    });
    let keys = [GUILD_KEYS, &[("mode", Kind::Mode)]].concat();
    let guild = (0..3usize, select(keys)).prop_flat_map(|(index, (key, kind))| {
        value_of(kind).prop_map(move |v| {
            (
                format!("CRAFTDESK__GUILD__{index}__{key}").to_ascii_uppercase(),
                v,
            )
        })
    });
    prop_oneof![3 => section, 1 => guild]
}

fn env_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop_oneof![
        2 => Just(Vec::new()),
        2 => prop::collection::vec(good_env(), 1..4),
        2 => prop::collection::vec(prop_oneof![good_env(), odd_env()], 1..5),
    ]
}

/// A token that could be real: Discord's three dot-separated base64 parts.
fn secret() -> impl Strategy<Value = String> {
    re("[A-Za-z0-9]{24}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27}")
}

/// Where the secret token is written.
#[derive(Debug, Clone, Copy)]
enum TokenAt {
    File,
    FileLiteral,
    FileInline,
    DiscordTokenEnv,
    CraftdeskEnv,
}

fn token_at() -> impl Strategy<Value = TokenAt> {
    select(vec![
        TokenAt::File,
        TokenAt::FileLiteral,
        TokenAt::FileInline,
        TokenAt::DiscordTokenEnv,
        TokenAt::CraftdeskEnv,
    ])
}

/// What the unpadded filter parser stumbles on: text starting with whitespace that is more
/// than one byte long (`\u{85}`, `\u{3000}`, …), which tracing-subscriber trims and then
/// slices the untrimmed text with the trimmed offsets.
fn log_filter_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "\u{85}",
        "\u{a0}",
        "\u{3000}",
        "\u{2028}",
        " ",
        "\t",
        "a",
        "craftdesk",
        "=",
        "[",
        "]",
        "{",
        "}",
        ",",
        "<",
        "debug",
        "\u{6a4cc}",
        "é",
    ];
    prop_oneof![1 => text(12), 3 => pieces(PIECES, 6)]
}

proptest! {
    #![proptest_config(cases(1_024))]

    /// `telemetry.level` is validated before tracing-subscriber parses it, so check-config
    /// reports a bad filter like any other problem instead of panicking (issue 14, item 6).
    #[test]
    fn a_log_filter_never_panics_and_is_reported(level in log_filter_text()) {
        let text = format!(
            "[discord]\ntoken = \"x\"\n[telemetry]\nlevel = {}\n",
            toml_string(&level)
        );
        match Config::from_sources("fuzz.toml", &text, Vec::new()) {
            Ok(config) => prop_assert_eq!(&config.telemetry.level, &level),
            Err(error) => prop_assert!(!error.problems.is_empty()),
        }
    }

    #[test]
    fn config_parsing_never_panics(text in config_text(), env in env_pairs()) {
        if let Ok(config) = Config::from_sources("fuzz.toml", &text, env) {
            let token = config.token().map(|t| t.expose_secret().to_owned());
            prop_assert!(token.is_ok(), "a loaded configuration has a token");
            let rendered = config.to_redacted_toml();
            prop_assert!(!rendered.starts_with("# cannot render"), "{rendered}");
            let _ = format!("{config:?}");
        }
    }

    /// The token is written first, so nothing after it can turn it into another key's
    /// value; whatever else the file and environment hold, no output may show it.
    #[test]
    fn config_never_shows_the_token(
        token in secret(),
        at in token_at(),
        rest in config_body(),
        mut env in env_pairs(),
    ) {
        let text = match at {
            TokenAt::File => format!("[discord]\ntoken = \"{token}\"\n{rest}"),
            TokenAt::FileLiteral => format!("[discord]\ntoken = '{token}'\n{rest}"),
            TokenAt::FileInline => format!("discord = {{ token = \"{token}\" }}\n{rest}"),
            TokenAt::DiscordTokenEnv => {
                env.push(("DISCORD_TOKEN".to_owned(), token.clone()));
                format!("[discord]\n{rest}")
            }
            TokenAt::CraftdeskEnv => {
                env.push(("CRAFTDESK__DISCORD__TOKEN".to_owned(), token.clone()));
                format!("[discord]\n{rest}")
            }
        };
        match Config::from_sources("fuzz.toml", &text, env) {
            Ok(config) => {
                let debug = format!("{config:?}");
                prop_assert!(!debug.contains(&token), "Debug shows the token: {debug}");
                let rendered = config.to_redacted_toml();
                prop_assert!(!rendered.contains(&token), "TOML shows the token: {rendered}");
            }
            Err(error) => {
                let shown = error.to_string();
                prop_assert!(!shown.contains(&token), "the error shows the token: {shown}");
                let debug = format!("{error:?}");
                prop_assert!(!debug.contains(&token), "the error shows the token: {debug}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// What members type, and text shown back to them
// ---------------------------------------------------------------------------------------

fn member_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "1", "0", "9", ",", "_", " ", "  ", "\t", "\n", "\r", "-", "+", ".", "e", ":", "@",
        "everyone", "here", "<", ">", "#", "&", "*", "`", "|", "\\", "\u{200b}", "\u{0}", "\u{7}",
        "\u{85}", "\u{3000}", "１", "é", "🐉", "Zoë", "\u{202e}", "\u{2067}", "\u{200f}",
        "\u{2028}",
    ];
    prop_oneof![
        3 => text(40),
        1 => text(1_200),
        3 => pieces(PIECES, 30),
        1 => (0..=MAX_QUANTITY + 2).prop_map(|n| n.to_string()),
    ]
}

proptest! {
    #![proptest_config(cases(2_048))]

    #[test]
    fn quantity_parse_never_panics_and_stays_in_range(text in member_text()) {
        if let Ok(quantity) = Quantity::parse(&text) {
            prop_assert!((1..=MAX_QUANTITY).contains(&quantity.get()));
        }
    }

    #[test]
    fn character_name_parse_never_panics_and_keeps_its_rules(text in member_text()) {
        if let Ok(name) = CharacterName::parse(&text) {
            let name = name.as_str();
            let count = name.chars().count();
            prop_assert!((MIN_NAME_CHARS..=MAX_CHARACTER_CHARS).contains(&count), "{name:?}");
            prop_assert!(!name.chars().any(|c| c.is_control() || c == ':'), "{name:?}");
            prop_assert!(!name.chars().any(is_bidi_control), "{name:?}");
            prop_assert_eq!(name.trim(), name);
            prop_assert!(!name.contains("  "), "{name:?}");
        }
    }

    #[test]
    fn notes_and_amounts_never_panic_and_stay_bounded(
        text in member_text(),
        needed in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()],
    ) {
        if let Ok(notes) = parse_notes(&text) {
            prop_assert!(notes.chars().count() <= MAX_NOTES_CHARS);
            prop_assert!(!notes.chars().any(|c| c.is_control() && c != '\n'), "{notes:?}");
        }
        if let Ok(amount) = parse_amount(&text, "Dust", needed) {
            prop_assert!(amount <= needed);
        }
    }

    #[test]
    fn neutralise_defuses_every_mention(text in member_text()) {
        let out = neutralise(&text);
        for mention in ["@everyone", "@here", "<@"] {
            prop_assert!(!out.contains(mention), "{text:?} → {out:?}");
        }
        prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        prop_assert!(!out.chars().any(is_bidi_control), "{out:?}");
        let line = neutralise_note_line(&text);
        prop_assert!(!line.chars().any(is_line_break), "{line:?}");
    }

    #[test]
    fn truncate_never_exceeds_its_limit(
        text in member_text(),
        max in prop_oneof![0..4usize, 0..120usize, Just(usize::MAX)],
    ) {
        let cut = truncate(&text, max);
        let count = cut.chars().count();
        prop_assert!(count <= max, "{count} > {max}: {cut:?}");
        if text.chars().count() <= max {
            prop_assert_eq!(cut, text);
        } else {
            let kept = cut.strip_suffix('…').unwrap_or(&cut);
            prop_assert!(text.starts_with(kept), "{cut:?} is not a prefix of {text:?}");
        }
    }
}
