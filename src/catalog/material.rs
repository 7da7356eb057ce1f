//! One material line of a recipe: `"Large Brilliant Shard x4"` → (name, quantity).
//!
//! The Profession-Request bot writes materials as a bare name (`"Dream Dust"`, one of it)
//! or a name followed by ` xN`. Nothing else is accepted: a leading `x4 Dream Dust` or a
//! detached `Dream Dust x 4` is refused instead of becoming a strange material name.

use super::{name_problem, Material};

/// The most of one material a recipe may ask for.
pub const MAX_MATERIAL_QUANTITY: u32 = 10_000;

impl Material {
    /// Parses `"<name> xN"` (N in 1..=10,000) or a bare `"<name>"` (quantity 1).
    /// The name is trimmed, non-empty, at most 100 characters, without control characters.
    pub fn parse(text: &str) -> Result<Material, String> {
        let text = text.trim();
        let (name, quantity) = match split_quantity(text)? {
            Some((name, quantity)) => (name, quantity),
            None => (text, 1),
        };
        if let Some(first) = name.split_whitespace().next() {
            if quantity_token(first).is_some() {
                return Err(format!(
                    "{text:?}: put the quantity at the end, as \"<name> xN\""
                ));
            }
        }
        if let Some(problem) = name_problem(name) {
            return Err(format!("{text:?}: material name {problem}"));
        }
        Ok(Material {
            name: name.to_owned(),
            quantity,
        })
    }
}

/// Splits a trailing ` xN` off `text`: `Ok(None)` when there is none.
fn split_quantity(text: &str) -> Result<Option<(&str, u32)>, String> {
    let Some((head, last)) = text.rsplit_once(char::is_whitespace) else {
        return match quantity_token(text) {
            Some(_) => Err(format!(
                "{text:?}: missing material name before the quantity"
            )),
            None => Ok(None),
        };
    };
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        let word_before = head.trim_end().rsplit(char::is_whitespace).next();
        if matches!(word_before, Some("x" | "X")) {
            return Err(format!(
                "{text:?}: write the quantity as \"xN\", without a space"
            ));
        }
    }
    let Some(digits) = quantity_token(last) else {
        return Ok(None);
    };
    let quantity = Some(digits)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|q| (1..=MAX_MATERIAL_QUANTITY).contains(q))
        .ok_or_else(|| {
            format!("{text:?}: quantity must be 1 to {MAX_MATERIAL_QUANTITY}, not {digits}")
        })?;
    Ok(Some((head.trim_end(), quantity)))
}

/// The text after the `x` when `token` looks like a quantity (`x4`, `X12`, `x-1`, `x1.5`);
/// `None` for words that merely start with an x (`xylophone`).
fn quantity_token(token: &str) -> Option<&str> {
    let rest = token.strip_prefix(['x', 'X'])?;
    let first = rest.chars().next()?;
    (first.is_ascii_digit() || first == '-' || first == '+').then_some(rest)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn ok(text: &str) -> (String, u32) {
        let m = Material::parse(text).expect(text);
        (m.name, m.quantity)
    }

    #[test]
    fn parses_name_and_trailing_quantity() {
        assert_eq!(
            ok("Large Brilliant Shard x4"),
            ("Large Brilliant Shard".into(), 4)
        );
        assert_eq!(ok("Dream Dust x10"), ("Dream Dust".into(), 10));
        assert_eq!(ok("  Dream Dust   X2 "), ("Dream Dust".into(), 2));
        assert_eq!(
            ok("Arcane Crystal x10000"),
            ("Arcane Crystal".into(), 10_000)
        );
        assert_eq!(ok("Runecloth x007"), ("Runecloth".into(), 7));
    }

    #[test]
    fn bare_name_is_quantity_one() {
        assert_eq!(ok("Dream Dust"), ("Dream Dust".into(), 1));
        assert_eq!(ok("Black Lotus"), ("Black Lotus".into(), 1));
        assert_eq!(
            ok("Elixir of the Mongoose"),
            ("Elixir of the Mongoose".into(), 1)
        );
        // Words starting with x are names, not quantities.
        assert_eq!(
            ok("Xavian Idol xylophone"),
            ("Xavian Idol xylophone".into(), 1)
        );
        assert_eq!(ok("Lotus x"), ("Lotus x".into(), 1));
    }

    #[test]
    fn refuses_bad_quantities() {
        for text in [
            "Dream Dust x0",
            "Dream Dust x10001",
            "Dream Dust x99999999999999999999",
            "Dream Dust x-1",
            "Dream Dust x+3",
            "Dream Dust x1.5",
            "Dream Dust x4k",
        ] {
            let err = Material::parse(text).expect_err(text);
            assert!(err.contains("quantity"), "{text}: {err}");
        }
    }

    #[test]
    fn refuses_other_shapes() {
        for text in [
            "",
            "   ",
            "x4",
            "x4 Dream Dust",
            "Dream Dust x 4",
            "Dream\u{7}Dust",
            &"a".repeat(101),
        ] {
            assert!(Material::parse(text).is_err(), "{text:?} should be refused");
        }
        assert!(Material::parse(&format!("{} x2", "a".repeat(100))).is_ok());
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "x", "X", " x ", "x x", "é x4", "💎 x1", "\u{0}", "x\u{0}", "a x-", "a x+",
        ] {
            let _ = Material::parse(text);
        }
    }
}
