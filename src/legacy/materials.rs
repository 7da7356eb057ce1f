//! The Profession-Request bot's materials → craftdesk's [`Plan`] and [`MaterialLine`]s.
//!
//! Its `materials_json` is the recipe per crafted unit. The bot wrote it as an object
//! (`{"Dream Dust": 10}`), earlier as the catalog's list of strings (`["Dream Dust x10"]`),
//! and some rows as an object with numeric keys (`{"0": "Dream Dust x10"}`); objects in a
//! list (`[{"name": "Dream Dust", "quantity": 10}]`) and plain text (`Dream Dust x10,
//! Soul Dust`) are read too. `provided_materials_json` holds what the member brings, in
//! total (not per unit), by material name. `provides_materials` is 1 when the member
//! brings something; 0 with nothing provided is the bot's "Guild Craft" (the guild brings
//! everything, shown as 🛡️ there).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::flow::request::{MaterialLine, Plan};

/// A plan and its lines, as craftdesk stores them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertedMaterials {
    pub plan: Plan,
    pub lines: Vec<MaterialLine>,
}

/// Builds the plan and the lines for `quantity` units. `Err` names what could not be read
/// (the caller keeps the request and imports it without materials).
pub fn convert_materials(
    materials_json: Option<&str>,
    provided_json: Option<&str>,
    provides_materials: Option<i64>,
    quantity: u32,
) -> Result<ConvertedMaterials, String> {
    let per_unit = parse_amounts(materials_json.unwrap_or_default())
        .map_err(|e| format!("materials_json: {e}"))?;
    let provided = parse_amounts(provided_json.unwrap_or_default())
        .map_err(|e| format!("provided_materials_json: {e}"))?;
    let mut lines: Vec<MaterialLine> = per_unit
        .into_iter()
        .filter(|(_, per_unit)| *per_unit > 0)
        .map(|(name, per_unit)| MaterialLine {
            needed: per_unit.saturating_mul(quantity),
            name,
            per_unit,
            provided_by_member: 0,
            provided_by_guild: 0,
            handed_over: 0,
        })
        .collect();
    let amounts: Vec<u32> = lines
        .iter()
        .map(|line| {
            provided
                .iter()
                .filter(|(name, _)| name.to_lowercase() == line.name.to_lowercase())
                .map(|(_, amount)| *amount)
                .fold(0u32, u32::saturating_add)
                .min(line.needed)
        })
        .collect();
    let plan = if amounts.iter().any(|a| *a > 0) {
        if lines.iter().zip(&amounts).all(|(l, a)| *a >= l.needed) {
            Plan::MemberAll
        } else {
            Plan::MemberSome {
                provided: amounts.iter().copied().map(Some).collect(),
            }
        }
    } else {
        match provides_materials {
            Some(0) => Plan::GuildCraft,
            Some(_) => Plan::MemberAll,
            None => Plan::MemberNone,
        }
    };
    for (line, amount) in lines.iter_mut().zip(amounts) {
        (line.provided_by_member, line.provided_by_guild) = match plan {
            Plan::MemberAll => (line.needed, 0),
            Plan::GuildCraft => (0, line.needed),
            Plan::MemberSome { .. } => (amount, 0),
            Plan::MemberNone => (0, 0),
        };
    }
    Ok(ConvertedMaterials { plan, lines })
}

/// Reads `(name, amount)` pairs from any of the shapes above, in their order; the same
/// name twice (case-insensitively) is added up into its first place.
pub fn parse_amounts(text: &str) -> Result<Vec<(String, u32)>, String> {
    let text = text.trim();
    let pairs = match serde_json::from_str::<Value>(text) {
        _ if text.is_empty() => Vec::new(),
        Ok(Value::Null) => Vec::new(),
        Ok(Value::Array(items)) => items.iter().map(array_item).collect::<Result<_, _>>()?,
        Ok(Value::Object(_)) => serde_json::from_str::<InOrder>(text)
            .map_err(|e| e.to_string())?
            .0
            .iter()
            .map(|(key, value)| object_entry(key, value))
            .collect::<Result<_, _>>()?,
        Ok(Value::String(inner)) => return parse_amounts(&inner),
        Ok(other) => return Err(format!("unexpected {other}")),
        Err(err) if text.starts_with(['{', '[', '"']) => {
            return Err(format!("broken JSON ({err})"))
        }
        Err(_) => text
            .split([',', '\n', ';'])
            .filter(|part| !part.trim().is_empty())
            .map(parse_material_text)
            .collect::<Result<_, _>>()?,
    };
    let mut merged: Vec<(String, u32)> = Vec::with_capacity(pairs.len());
    for (name, amount) in pairs {
        match merged
            .iter_mut()
            .find(|(seen, _)| seen.to_lowercase() == name.to_lowercase())
        {
            Some((_, total)) => *total = total.saturating_add(amount),
            None => merged.push((name, amount)),
        }
    }
    Ok(merged)
}

/// A JSON object's entries in the order written (`serde_json::Map` sorts its keys, and
/// the order of a recipe's materials is what the member saw).
struct InOrder(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for InOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(InOrder(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

fn array_item(item: &Value) -> Result<(String, u32), String> {
    match item {
        Value::String(text) => parse_material_text(text),
        Value::Object(fields) => {
            let name = ["name", "material", "item"]
                .iter()
                .find_map(|key| fields.get(*key).and_then(Value::as_str))
                .ok_or_else(|| format!("a material without a name: {item}"))?;
            let amount = quantity_field(fields).unwrap_or(Ok(1))?;
            Ok((clean_name(name)?, amount))
        }
        Value::Array(pair) => match pair.as_slice() {
            [Value::String(name), amount] => Ok((clean_name(name)?, amount_of(amount)?)),
            _ => Err(format!("unexpected {item}")),
        },
        other => Err(format!("unexpected {other}")),
    }
}

fn object_entry(key: &str, value: &Value) -> Result<(String, u32), String> {
    if key.bytes().all(|b| b.is_ascii_digit()) {
        // `{"0": "Dream Dust x10"}`: a list that went through `Object.assign`.
        return array_item(value);
    }
    let amount = match value {
        Value::Object(fields) => quantity_field(fields).unwrap_or(Ok(1))?,
        other => amount_of(other)?,
    };
    Ok((clean_name(key)?, amount))
}

fn quantity_field(fields: &Map<String, Value>) -> Option<Result<u32, String>> {
    ["quantity", "qty", "count", "amount", "per_unit"]
        .iter()
        .find_map(|key| fields.get(*key))
        .map(amount_of)
}

/// A whole, non-negative amount: a number or digits in a string.
fn amount_of(value: &Value) -> Result<u32, String> {
    let amount = match value {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked first
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(f))
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        Value::Null => Some(0),
        _ => None,
    };
    amount
        .map(|a| u32::try_from(a).unwrap_or(u32::MAX))
        .ok_or_else(|| format!("{value} is not a whole amount"))
}

/// `"Dream Dust x10"` (the catalog's form), a bare name (one of it) and, liberally,
/// `"Dream Dust x 10"`, `"Dream Dust ×10"`, `"10x Dream Dust"` or `"x10 Dream Dust"`.
fn parse_material_text(text: &str) -> Result<(String, u32), String> {
    let text = text.trim();
    if let Some((head, rest)) = text.split_once(char::is_whitespace) {
        let number = head.trim_matches(['x', 'X', '×']);
        let marked = number.len() < head.len();
        if marked && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            return Ok((clean_name(rest)?, digits_amount(number)?));
        }
    }
    let without_digits = text.trim_end_matches(|c: char| c.is_ascii_digit());
    if without_digits.len() < text.len() {
        let digits = &text[without_digits.len()..];
        if let Some(name) = without_digits.trim_end().strip_suffix(['x', 'X', '×']) {
            if name.ends_with(char::is_whitespace) {
                return Ok((clean_name(name)?, digits_amount(digits)?));
            }
            if name.is_empty() {
                return Err(format!("{text:?}: a quantity without a material name"));
            }
        }
    }
    Ok((clean_name(text)?, 1))
}

fn digits_amount(digits: &str) -> Result<u32, String> {
    digits
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("{digits:?} is not a whole amount"))
}

fn clean_name(name: &str) -> Result<String, String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(format!("{name:?} is not a material name"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn line(name: &str, per_unit: u32, quantity: u32, member: u32, guild: u32) -> MaterialLine {
        MaterialLine {
            name: name.to_owned(),
            per_unit,
            needed: per_unit * quantity,
            provided_by_member: member,
            provided_by_guild: guild,
            handed_over: 0,
        }
    }

    fn pairs(list: &[(&str, u32)]) -> Vec<(String, u32)> {
        list.iter().map(|(n, a)| ((*n).to_owned(), *a)).collect()
    }

    #[test]
    fn every_shape_the_bot_wrote_reads_the_same() {
        let expected = pairs(&[("Dream Dust", 10), ("Soul Dust", 1)]);
        for text in [
            r#"{"Dream Dust": 10, "Soul Dust": 1}"#,
            r#"{"Dream Dust": "10", "Soul Dust": 1.0}"#,
            r#"["Dream Dust x10", "Soul Dust"]"#,
            r#"["Dream Dust x 10", "Soul Dust x1"]"#,
            r#"["10x Dream Dust", "Soul Dust ×1"]"#,
            r#"{"0": "Dream Dust x10", "1": "Soul Dust x1"}"#,
            r#"[{"name": "Dream Dust", "quantity": 10}, {"material": "Soul Dust"}]"#,
            r#"[["Dream Dust", 10], ["Soul Dust", "1"]]"#,
            r#"["Dream Dust x4", "dream dust x6", "Soul Dust"]"#,
            r#""[\"Dream Dust x10\", \"Soul Dust\"]""#,
            "Dream Dust x10, Soul Dust",
        ] {
            assert_eq!(parse_amounts(text), Ok(expected.clone()), "{text}");
        }
        for empty in ["", "  ", "null", "{}", "[]"] {
            assert_eq!(parse_amounts(empty), Ok(Vec::new()), "{empty:?}");
        }
    }

    #[test]
    fn unreadable_materials_are_refused_with_the_culprit() {
        for bad in [
            "42",
            r"[true]",
            r#"{"Dream Dust": "lots"}"#,
            r#"[{"quantity": 2}]"#,
            "x10",
            "[\"\"]",
            "{broken",
            "[\"Dream Dust x2\"",
        ] {
            assert!(parse_amounts(bad).is_err(), "{bad}");
        }
        let err = convert_materials(Some(r#"{"Dream Dust": -1}"#), None, Some(1), 1).unwrap_err();
        assert!(err.starts_with("materials_json:"), "{err}");
    }

    #[test]
    fn provides_materials_alone_means_the_member_brings_everything() {
        let got = convert_materials(Some(r#"{"Dream Dust": 10}"#), Some("{}"), Some(1), 2).unwrap();
        assert_eq!(got.plan, Plan::MemberAll);
        assert_eq!(got.lines, vec![line("Dream Dust", 10, 2, 20, 0)]);
    }

    #[test]
    fn full_amounts_provided_is_member_all_and_partial_is_member_some() {
        let all = convert_materials(
            Some(r#"["Dream Dust x10", "Soul Dust x2"]"#),
            Some(r#"{"Dream Dust": 30, "soul dust": 6}"#),
            Some(1),
            3,
        )
        .unwrap();
        assert_eq!(all.plan, Plan::MemberAll);
        assert_eq!(
            all.lines,
            vec![
                line("Dream Dust", 10, 3, 30, 0),
                line("Soul Dust", 2, 3, 6, 0)
            ]
        );

        let some = convert_materials(
            Some(r#"{"Dream Dust": 10, "Soul Dust": 2, "Arcane Crystal": 1}"#),
            Some(r#"{"Dream Dust": 5, "Soul Dust": 99}"#),
            Some(1),
            1,
        )
        .unwrap();
        assert_eq!(
            some.plan,
            Plan::MemberSome {
                provided: vec![Some(5), Some(2), Some(0)]
            }
        );
        assert_eq!(
            some.lines,
            vec![
                line("Dream Dust", 10, 1, 5, 0),
                line("Soul Dust", 2, 1, 2, 0),
                line("Arcane Crystal", 1, 1, 0, 0),
            ]
        );
    }

    #[test]
    fn nothing_provided_is_a_guild_craft_only_when_the_row_says_so() {
        let guild =
            convert_materials(Some(r#"{"Dream Dust": 10}"#), Some("{}"), Some(0), 1).unwrap();
        assert_eq!(guild.plan, Plan::GuildCraft);
        assert_eq!(guild.lines, vec![line("Dream Dust", 10, 1, 0, 10)]);

        let unknown = convert_materials(Some(r#"{"Dream Dust": 10}"#), None, None, 1).unwrap();
        assert_eq!(unknown.plan, Plan::MemberNone);
        assert_eq!(unknown.lines, vec![line("Dream Dust", 10, 1, 0, 0)]);
    }

    #[test]
    fn the_json_is_exactly_what_the_request_flow_writes() {
        let got = convert_materials(
            Some(r#"{"Dream Dust": 2, "Soul Dust": 1}"#),
            Some(r#"{"Dream Dust": 1}"#),
            Some(1),
            1,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&got.plan).unwrap(),
            r#"{"MemberSome":{"provided":[1,0]}}"#
        );
        assert_eq!(
            serde_json::to_string(&got.lines).unwrap(),
            r#"[{"name":"Dream Dust","per_unit":2,"needed":2,"provided_by_member":1,"provided_by_guild":0},{"name":"Soul Dust","per_unit":1,"needed":1,"provided_by_member":0,"provided_by_guild":0}]"#
        );
        assert_eq!(
            serde_json::to_string(&Plan::GuildCraft).unwrap(),
            r#""GuildCraft""#
        );
    }
}
