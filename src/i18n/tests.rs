//! The languages stay complete: every locale has every English message, with the same
//! variables, in files that parse; every key the code names exists.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;

/// Each message of a locale (`id`, or `id.attribute`) with the variables it uses.
fn messages(locale: Locale) -> BTreeMap<String, BTreeSet<String>> {
    let mut all = BTreeMap::new();
    for (file, text) in source_files(locale) {
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("{file} does not parse: {errors:?}"));
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                ast::Entry::Junk { content } => panic!("{file} has junk: {content}"),
                _ => continue,
            };
            let mut parts = vec![(id.clone(), value)];
            parts.extend(
                attributes
                    .into_iter()
                    .map(|a| (format!("{id}.{}", a.id.name), Some(a.value))),
            );
            for (name, pattern) in parts {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &pattern {
                    pattern_variables(pattern, &mut variables);
                }
                assert!(
                    all.insert(name.clone(), variables).is_none(),
                    "{locale}: {name} is defined twice ({file})"
                );
            }
        }
    }
    all
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn every_locale_has_every_english_message_with_the_same_variables() {
    let english = messages(Locale::English);
    assert!(!english.is_empty(), "the English files are empty");
    for locale in Locale::ALL.into_iter().skip(1) {
        let theirs = messages(locale);
        let missing: Vec<&String> = english
            .keys()
            .filter(|k| !theirs.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        let extra: Vec<&String> = theirs
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(
            extra.is_empty(),
            "{locale} has messages English does not: {extra:?}"
        );
        for (key, variables) in &english {
            assert_eq!(
                &theirs[key], variables,
                "{locale}: {key} uses other variables than English"
            );
        }
    }
}

#[test]
fn every_locale_has_the_same_files() {
    let names = |locale: Locale| -> BTreeSet<String> {
        source_files(locale)
            .into_iter()
            .map(|(path, _)| {
                Path::new(path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    let english = names(Locale::English);
    for locale in Locale::ALL {
        assert_eq!(names(locale), english, "{locale}");
    }
}

/// The keys the code names in `t!(texts, "key"…)` and `msg!("key"…)`.
fn keys_in_source() -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pending = vec![root];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs")
                || path.parent().is_some_and(|p| p.ends_with("i18n"))
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (start, _) in text.match_indices("t!(").chain(text.match_indices("msg!(")) {
                // `t!(` preceded by an identifier character is another macro (`assert!(`).
                let before = text[..start].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[start..];
                let Some(open) = rest.find('"') else { continue };
                // Only `t!(texts.expr, "key"` and `msg!("key"`: a texts expression and
                // at most one comma before the key.
                let prefix = &rest[..open];
                let commas = prefix.matches(',').count();
                let plain = prefix
                    .chars()
                    .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_.:&*()!,".contains(c));
                if !plain || commas > usize::from(rest.starts_with("t!(")) {
                    continue;
                }
                let key: String = rest[open + 1..].chars().take_while(|c| *c != '"').collect();
                keys.insert(key, path.display().to_string());
            }
        }
    }
    keys
}

#[test]
fn every_key_the_code_names_is_an_english_message() {
    let english = messages(Locale::English);
    let keys = keys_in_source();
    for (key, file) in &keys {
        assert!(
            english.contains_key(key),
            "{file} names {key:?}, which no .ftl defines"
        );
    }
}

#[test]
fn discord_locale_codes_map_to_shipped_locales_or_none() {
    assert_eq!(Locale::from_discord("de"), Some(Locale::German));
    assert_eq!(Locale::from_discord("en-GB"), Some(Locale::English));
    assert_eq!(Locale::from_discord("es-419"), Some(Locale::Spanish));
    assert_eq!(
        Locale::from_discord("pt-BR"),
        Some(Locale::BrazilianPortuguese)
    );
    assert_eq!(
        Locale::from_discord("pt_br"),
        Some(Locale::BrazilianPortuguese)
    );
    assert_eq!(Locale::from_discord("ja"), None);
    assert_eq!(Locale::or_english("ja"), Locale::English);
    for locale in Locale::ALL {
        assert_eq!(Locale::from_discord(locale.code()), Some(locale));
    }
}

#[test]
fn a_text_takes_its_arguments_and_plurals_and_falls_back_to_english() {
    let one = crate::t!(Texts::ENGLISH, "i18n-test-requests", count = 1);
    let many = crate::t!(Texts::ENGLISH, "i18n-test-requests", count = 3);
    assert_eq!(one, "1 request");
    assert_eq!(many, "3 requests");
    let german = crate::t!(Locale::German.texts(), "i18n-test-requests", count = 3);
    assert_eq!(german, "3 Anfragen");
    let russian =
        [1, 3, 5].map(|n| crate::t!(Locale::Russian.texts(), "i18n-test-requests", count = n));
    assert_eq!(russian, ["1 заявка", "3 заявки", "5 заявок"]);
    // A key no file has reads as itself, not as a panic.
    assert_eq!(Locale::German.texts().get("no-such-key"), "no-such-key");
    let msg = crate::msg!("i18n-test-requests", count = 2);
    assert_eq!(Locale::French.texts().msg(&msg), "2 demandes");
    assert_eq!(msg.to_string(), "2 requests");
    // Ids go as text, with every digit.
    let id = Snowflake::from_discord(1_234_567_890_123_456_789);
    assert_eq!(
        crate::t!(Texts::ENGLISH, "i18n-test-channel", channel = id),
        "<#1234567890123456789>"
    );
}

/// A text names a command as the reader's Discord client lists it (`/anfrage` for a
/// German member, whose client shows the localized name), from the same messages the
/// commands are registered with, so the two cannot drift apart.
#[test]
fn texts_name_commands_as_the_reader_s_client_shows_them() {
    let german = Locale::German.texts();
    let text = german.get("refusal-not-yours");
    assert!(text.contains("`/anfrage`"), "{text}");
    assert!(!text.contains("/request"), "{text}");
    let english = Texts::ENGLISH.get("refusal-not-yours");
    assert!(english.contains("`/request`"), "{english}");
    // Every locale: no English command name left in a text whose locale renames it.
    for locale in Locale::ALL {
        let texts = locale.texts();
        for (key, _) in messages(locale) {
            if key.starts_with("commands-") {
                continue;
            }
            let text = texts.get(&key);
            for command in [
                "request", "requests", "status", "register", "catalog", "setup",
            ] {
                let name = texts.format(&format!("commands-{command}-name"), &[]);
                if name != command {
                    assert!(
                        !text.contains(&format!("/{command}`"))
                            && !text.contains(&format!("/{command} ")),
                        "{locale:?} {key}: {text}"
                    );
                }
            }
        }
    }
}

/// A request's history keeps craftdesk's notes as messages, worded when read: a German
/// officer reads a reassignment note in German, an English one in English; a crafter's
/// own words (and notes stored before) read as they are.
#[test]
fn stored_notes_are_worded_in_each_reader_s_language() {
    let note = crate::msg!("board-note-reopened", quantity = 2_u32, done = 1_u32);
    let stored = note.stored();
    assert_eq!(Texts::ENGLISH.stored(&stored), note.english());
    let german = Locale::German.texts();
    assert_eq!(german.stored(&stored), german.msg(&note));
    assert_ne!(german.stored(&stored), note.english());
    // Plain text is kept as typed; a leading marker cannot pass it off as a message.
    let typed = Msg::Plain("half of it".to_owned());
    assert_eq!(german.stored(&typed.stored()), "half of it");
    let forged = Msg::Plain("\u{1}{\"key\":\"refusal-expired\"}".to_owned());
    assert_eq!(
        german.stored(&forged.stored()),
        "{\"key\":\"refusal-expired\"}"
    );
    assert_eq!(german.stored("Reassigned to <@1>"), "Reassigned to <@1>");
    // A damaged stored message shows what is left rather than nothing.
    assert_eq!(german.stored("\u{1}{not json"), "{not json");
}
