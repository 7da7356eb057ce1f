//! Catalog benchmark: item search as `/request item:` autocomplete uses it.
//!
//! `cargo bench --bench catalog` builds a 5,000-item catalog (5 professions × 10 slots ×
//! 100 items, loaded through `Catalog::from_files` like real files) and times 10,000
//! searches of varied queries — exact names, prefixes, single letters, words in any order,
//! abbreviations, typos that match nothing, empty — printing mean, p50, p99 and max per
//! search. The goal (issue #5): well under 100 ms per search for 5,000 items.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use craftdesk::catalog::Catalog;

const ITEMS: usize = 5_000;
const SEARCHES: usize = 10_000;
const LIMIT: usize = 25;

const PROFESSIONS: [&str; 5] = [
    "enchanting",
    "tailoring",
    "alchemy",
    "blacksmithing",
    "leatherworking",
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
const PREFIXES: [&str; 10] = [
    "Minor", "Lesser", "Greater", "Superior", "Major", "Mighty", "Runed", "Arcane", "Blessed",
    "Savage",
];
const STATS: [&str; 10] = [
    "Stamina",
    "Strength",
    "Agility",
    "Intellect",
    "Spirit",
    "Defense",
    "Healing Power",
    "Fire Resistance",
    "Shadow Ward",
    "Mana Regeneration",
];

fn main() {
    let started = Instant::now();
    let catalog = Catalog::from_files(generated_files()).unwrap();
    let load = started.elapsed();
    assert_eq!(catalog.item_count(), ITEMS);
    println!("catalog benchmark: {ITEMS} items loaded and indexed in {load:.2?}");

    let queries = queries(&catalog);
    // Warm up caches and the allocator.
    for query in queries.iter().take(500) {
        black_box(catalog.search(query, LIMIT));
    }
    let mut times = Vec::with_capacity(SEARCHES);
    let mut results = 0usize;
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..SEARCHES {
        let query = &queries[next(&mut seed) % queries.len()];
        let started = Instant::now();
        let found = black_box(catalog.search(black_box(query), LIMIT));
        times.push(started.elapsed());
        results += found.len();
    }
    times.sort_unstable();
    let total: Duration = times.iter().sum();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{SEARCHES} searches of {} distinct queries, limit {LIMIT}, {:.1} results on average",
        queries.len(),
        results as f64 / SEARCHES as f64
    );
    println!(
        "per search: mean {:.1?}  p50 {:.1?}  p99 {:.1?}  max {:.1?}",
        total / SEARCHES as u32,
        at(0.50),
        at(0.99),
        times[times.len() - 1]
    );
}

/// One JSON file per profession, 100 items per slot, every name distinct.
fn generated_files() -> Vec<(String, String)> {
    let per_slot = ITEMS / (PROFESSIONS.len() * SLOTS.len());
    PROFESSIONS
        .iter()
        .map(|profession| {
            let slots: Vec<String> = SLOTS
                .iter()
                .map(|slot| {
                    let items: Vec<String> = (0..per_slot)
                        .map(|n| {
                            format!(
                                r#"{{"name": "{}", "materials": ["Dream Dust x{}", "Large Brilliant Shard x2", "Essence of Fire"]}}"#,
                                item_name(profession, slot, n),
                                n % 20 + 1
                            )
                        })
                        .collect();
                    format!("\"{slot}\": [{}]", items.join(","))
                })
                .collect();
            (
                format!("{profession}.json"),
                format!("{{\"items\": {{{}}}}}", slots.join(",")),
            )
        })
        .collect()
}

fn item_name(profession: &str, slot: &str, n: usize) -> String {
    let verb = match profession {
        "enchanting" => "Enchant",
        "tailoring" => "Tailored",
        "alchemy" => "Elixir",
        "blacksmithing" => "Forged",
        _ => "Stitched",
    };
    format!(
        "{verb} {slot} - {} {}",
        PREFIXES[n % PREFIXES.len()],
        STATS[(n / PREFIXES.len()) % STATS.len()]
    )
}

/// Queries of every kind autocomplete sees, including partial typing of real names.
fn queries(catalog: &Catalog) -> Vec<String> {
    let mut queries: Vec<String> = [
        "",
        "e",
        "s",
        "ch",
        "ench",
        "enchant",
        "greater",
        "stamina",
        "fire res",
        "shadow ward",
        "mana regen",
        "chest greater",
        "greater chest",
        "stats",
        "sup str",
        "grtr hlng",
        "encht blt",
        "mighty agility",
        "bracer - minor",
        "qqqzzz",
        "xyzzy",
        "zzzzzzzzzzzzzzzzzzzz",
        "enchant cloak - superior mana regeneration",
        "a",
        "legs",
        "savage spirit",
        "rnd int",
        "forged weapon - arcane healing power",
        "stitched",
        "elixir of",
        "🐉",
        "Enchant Boots",
    ]
    .iter()
    .map(|q| (*q).to_owned())
    .collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let professions = catalog.professions();
    for _ in 0..200 {
        let profession = &professions[next(&mut seed) % professions.len()];
        let slot = &profession.slots[next(&mut seed) % profession.slots.len()];
        let name = &slot.items[next(&mut seed) % slot.items.len()].name;
        let chars: Vec<char> = name.chars().collect();
        let typed = 1 + next(&mut seed) % chars.len();
        queries.push(chars[..typed].iter().collect());
    }
    queries
}

/// xorshift64: deterministic, no dependency.
fn next(state: &mut u64) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 1) as usize
}
