//! `/catalog` (issue 17 item 5), the pure parts: who may change a guild's catalog, what an
//! uploaded file must be before it is read (size, type, UTF-8), which profession a command
//! names, and the answers, kept within Discord's 2000 characters however many problems a
//! file has. The adapter (`discord::catalog`) downloads, validates with the very
//! `Catalog::from_files` startup uses, stores and serves.

use crate::catalog::{Catalog, CatalogError};
use crate::domain::Snowflake;
use crate::flow::refusal::Refusal;
use crate::i18n::Texts;
use crate::{msg, t};

/// The largest catalog file accepted, in bytes (the built-in ones are under 10 KiB).
pub const MAX_UPLOAD_BYTES: u64 = 256 * 1024;

/// Discord's limit on a message's content.
const MAX_REPLY_CHARS: usize = 2000;

/// Whether a member may upload or reset: one of the guild's officer roles (from the live
/// settings) among the roles the interaction carries, or Manage Server.
#[must_use]
pub fn may_manage(
    member_roles: &[Snowflake],
    officer_roles: &[Snowflake],
    manage_guild: bool,
) -> bool {
    manage_guild || member_roles.iter().any(|r| officer_roles.contains(r))
}

/// Who may, as the member is told.
#[must_use]
pub fn not_allowed() -> Refusal {
    Refusal::NotAllowed(msg!("catalog-refusal-not-allowed"))
}

/// A guild whose settings come from the operator's config.toml.
#[must_use]
pub fn file_managed() -> Refusal {
    Refusal::NotAllowed(msg!("catalog-refusal-file-managed"))
}

/// The profession a command names: trimmed, lowercased, a catalog file stem.
pub fn profession(raw: &str) -> Result<String, Refusal> {
    let key = raw.trim().to_lowercase();
    let fits = !key.is_empty()
        && key.chars().count() <= 32
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if fits {
        Ok(key)
    } else {
        // The name as the admin typed it, quoted (data, not translated).
        Err(Refusal::Invalid(msg!(
            "catalog-refusal-bad-profession",
            name = format!("{:?}", crate::flow::text::truncate(raw, 40))
        )))
    }
}

/// What the attachment says about itself, checked before anything is downloaded.
pub fn check_attachment(
    filename: &str,
    size: u64,
    content_type: Option<&str>,
) -> Result<(), Refusal> {
    if size > MAX_UPLOAD_BYTES {
        return Err(Refusal::Invalid(msg!(
            "catalog-refusal-too-big",
            file = crate::flow::text::truncate(filename, 80),
            size = size.div_ceil(1024),
            max = MAX_UPLOAD_BYTES / 1024
        )));
    }
    if size == 0 {
        return Err(Refusal::Invalid(msg!("catalog-refusal-empty")));
    }
    let essence = content_type.map(|t| {
        t.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    });
    let textual = match essence.as_deref() {
        None | Some("") => true,
        Some(t) => t == "application/json" || t.starts_with("text/") || t.ends_with("+json"),
    };
    if !textual {
        return Err(Refusal::Invalid(msg!(
            "catalog-refusal-not-json",
            file = crate::flow::text::truncate(filename, 80),
            kind = essence.unwrap_or_default()
        )));
    }
    Ok(())
}

/// The downloaded body as text: at most [`MAX_UPLOAD_BYTES`] (whatever `size` said), UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, Refusal> {
    if bytes.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(too_large());
    }
    let text =
        String::from_utf8(bytes).map_err(|_| Refusal::Invalid(msg!("catalog-refusal-not-utf8")))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// A file larger than [`MAX_UPLOAD_BYTES`] (whatever it said its size was).
#[must_use]
pub fn too_large() -> Refusal {
    Refusal::Invalid(msg!(
        "catalog-refusal-larger",
        max = MAX_UPLOAD_BYTES / 1024
    ))
}

/// The file name a profession's catalog has (what its problems name, as at startup).
#[must_use]
pub fn file_name(profession: &str) -> String {
    format!("{profession}.json")
}

/// Validates one profession's file exactly as startup does; its item count if it loads.
pub fn validate(profession: &str, text: &str) -> Result<usize, CatalogError> {
    Catalog::from_files([(file_name(profession), text.to_owned())]).map(|c| c.item_count())
}

/// Every problem of a malformed upload, as many as fit in one message. The problems are
/// the catalog loader's (they quote the admin's file); the sentences around them are
/// worded in `texts`.
#[must_use]
pub fn problems_reply(texts: Texts, error: &CatalogError) -> String {
    let head = t!(texts, "catalog-problems-head", count = error.problems.len());
    let foot = t!(texts, "catalog-problems-foot");
    let more = |left: usize| format!("\n{}", t!(texts, "catalog-problems-more", count = left));
    let mut text = head;
    let mut shown = 0;
    for problem in &error.problems {
        let line = format!("\n- {}", crate::flow::text::truncate(problem, 300));
        let left = error.problems.len() - shown - 1;
        let more = if left > 0 { more(left) } else { String::new() };
        if text.chars().count()
            + line.chars().count()
            + more.chars().count()
            + foot.chars().count()
            + 2
            > MAX_REPLY_CHARS
        {
            break;
        }
        text.push_str(&line);
        shown += 1;
    }
    let left = error.problems.len() - shown;
    if left > 0 {
        text.push_str(&more(left));
    }
    text.push_str("\n\n");
    text.push_str(&foot);
    text
}

/// What a guild's profession catalog is served from, as the audit, the log and the
/// answers tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// Uploaded: its item count (`None` when the stored file no longer loads).
    Uploaded(Option<usize>),
    BuiltIn,
    /// Neither uploaded nor built in.
    Nothing,
}

impl Served {
    /// Worded in `texts` (the audit: English).
    #[must_use]
    pub fn in_(self, texts: Texts) -> String {
        match self {
            Served::Uploaded(Some(items)) => {
                t!(texts, "catalog-served-uploaded-items", count = items)
            }
            Served::Uploaded(None) => t!(texts, "catalog-served-uploaded"),
            Served::BuiltIn => t!(texts, "catalog-served-built-in"),
            Served::Nothing => t!(texts, "catalog-served-none"),
        }
    }
}

/// An uploaded catalog of `items` items, or the built-in one.
#[must_use]
pub fn describe(uploaded: Option<usize>) -> Served {
    match uploaded {
        Some(items) => Served::Uploaded(Some(items)),
        None => Served::BuiltIn,
    }
}

/// The setting name a catalog change is recorded under.
#[must_use]
pub fn setting_name(profession: &str) -> String {
    format!("catalog {profession}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn id(n: u64) -> Snowflake {
        Snowflake::new(n).unwrap()
    }

    #[test]
    fn officers_or_manage_server_may_manage() {
        assert!(may_manage(&[id(1), id(2)], &[id(2)], false));
        assert!(may_manage(&[], &[id(2)], true));
        assert!(!may_manage(&[id(1)], &[id(2)], false));
        assert!(!may_manage(&[id(1)], &[], false));
    }

    #[test]
    fn profession_names_are_file_stems() {
        assert_eq!(profession("  Enchanting ").unwrap(), "enchanting");
        assert!(profession("").is_err());
        assert!(profession("../etc").is_err());
        assert!(profession(&"a".repeat(33)).is_err());
    }

    #[test]
    fn attachments_are_checked_before_download() {
        assert!(check_attachment("a.json", 10, Some("application/json; charset=utf-8")).is_ok());
        assert!(check_attachment("a.json", 10, None).is_ok());
        assert!(check_attachment("a.json", 10, Some("text/plain")).is_ok());
        let big = check_attachment("a.json", MAX_UPLOAD_BYTES + 1, None).unwrap_err();
        assert!(big.reply().contains("at most 256 KiB"), "{}", big.reply());
        assert!(check_attachment("a.png", 10, Some("image/png")).is_err());
        assert!(check_attachment("a.json", 0, None).is_err());
    }

    #[test]
    fn bodies_are_bounded_utf8() {
        assert_eq!(decode(b"\xef\xbb\xbf{}".to_vec()).unwrap(), "{}");
        assert!(decode(vec![0xff, 0xfe]).is_err());
        assert!(decode(vec![b' '; 256 * 1024 + 1]).is_err());
    }

    #[test]
    fn validation_gives_the_startup_messages() {
        let err = validate(
            "enchanting",
            r#"{"items": {"Weapon": [{"name": "Sword"}]}}"#,
        )
        .unwrap_err();
        let startup = Catalog::from_files([(
            "enchanting.json".to_owned(),
            r#"{"items": {"Weapon": [{"name": "Sword"}]}}"#.to_owned(),
        )])
        .unwrap_err();
        assert_eq!(err.problems, startup.problems);
        assert!(
            err.problems[0].starts_with("enchanting.json"),
            "{:?}",
            err.problems
        );
        assert_eq!(
            validate(
                "enchanting",
                r#"{"items": {"Weapon": [{"name": "Sword", "materials": ["Dust x2"]}]}}"#
            )
            .unwrap(),
            1
        );
    }

    #[test]
    fn every_problem_is_told_within_discords_limit() {
        let few = CatalogError {
            problems: vec!["a.json: one".into(), "a.json: two".into()],
        };
        let text = problems_reply(Texts::ENGLISH, &few);
        assert!(
            text.contains("- a.json: one") && text.contains("- a.json: two"),
            "{text}"
        );
        assert!(!text.contains("more."));
        let many = CatalogError {
            problems: (0..500)
                .map(|n| format!("a.json: slot \"S{n}\", item \"I{n}\": {}", "x".repeat(80)))
                .collect(),
        };
        let text = problems_reply(Texts::ENGLISH, &many);
        assert!(text.chars().count() <= 2000, "{}", text.chars().count());
        assert!(text.contains("more."), "{text}");
        assert!(text.contains("has 500 problems"));
        for locale in crate::i18n::Locale::ALL {
            let text = problems_reply(locale.texts(), &many);
            assert!(
                text.chars().count() <= 2000,
                "{locale}: {}",
                text.chars().count()
            );
            assert!(
                text.contains("a.json: slot"),
                "{locale}: the problems are quoted"
            );
        }
        let one = CatalogError {
            problems: vec!["a.json: one".into()],
        };
        assert!(problems_reply(Texts::ENGLISH, &one).contains("has 1 problem."));
        assert!(problems_reply(crate::i18n::Locale::German.texts(), &one).contains("1 Problem"));
    }
}
