//! Translated names (issue 18): a catalog's item, profession or gear slot may carry its
//! name in other languages, `"names": {"de": "Eisenschwert", "fr": "Épée de fer"}`, keyed
//! by Discord locale code. A member reading one of those languages sees it in the request
//! flow; everyone else reads the guild's name, which stays the one stored and looked up.

use super::json::Json;
use super::name_problem;
use crate::i18n::{Locale, Texts};

/// A name per shipped locale (at most one each), in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names(Vec<(Locale, String)>);

impl Names {
    /// The name in `locale`, if the catalog has one.
    #[must_use]
    pub fn get(&self, locale: Locale) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, name)| name.as_str())
    }

    /// `name` as a reader of `texts` sees it: their language's name, else `name` (the
    /// guild's).
    #[must_use]
    pub fn or<'a>(&'a self, name: &'a str, texts: Texts) -> &'a str {
        self.get(texts.locale()).unwrap_or(name)
    }

    /// Every translated name, with its language.
    pub fn iter(&self) -> impl Iterator<Item = (Locale, &str)> {
        self.0.iter().map(|(locale, name)| (*locale, name.as_str()))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A `names` object; `at` names file, slot and item for the problems it adds (an unknown
/// locale code, a name that is not a string or is too long, a locale given twice).
pub(super) fn parse(at: &str, value: &Json, problems: &mut Vec<String>) -> Names {
    let Json::Object(fields) = value else {
        problems.push(format!(
            "{at}: \"names\" should be an object of locale code → name, like {{\"de\": \"Eisenschwert\"}}, found {}",
            value.kind()
        ));
        return Names::default();
    };
    let mut names: Vec<(Locale, String)> = Vec::new();
    for (code, value) in Json::entries(fields) {
        let Some(locale) = Locale::from_discord(code) else {
            let shipped: Vec<&str> = Locale::ALL.iter().map(|l| l.code()).collect();
            problems.push(format!(
                "{at}: \"names\" has the locale code {code:?}, which craftdesk does not ship \
                 (use one of {})",
                shipped.join(", ")
            ));
            continue;
        };
        let Json::String(raw) = value else {
            problems.push(format!(
                "{at}: \"names\".{code:?} should be a string, found {}",
                value.kind()
            ));
            continue;
        };
        let name = raw.trim();
        if let Some(problem) = name_problem(name) {
            problems.push(format!("{at}: \"names\".{code:?} {problem}"));
            continue;
        }
        if names.iter().any(|(l, _)| *l == locale) {
            problems.push(format!(
                "{at}: \"names\" gives {} twice ({code:?})",
                locale.code()
            ));
            continue;
        }
        names.push((locale, name.to_owned()));
    }
    Names(names)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn parsed(json: &str) -> (Names, Vec<String>) {
        let mut problems = Vec::new();
        let names = parse("x.json", &Json::parse(json).unwrap(), &mut problems);
        (names, problems)
    }

    #[test]
    fn names_are_read_per_locale_and_fall_back_to_the_guilds() {
        let (names, problems) =
            parsed(r#"{"de": " Eisenschwert ", "fr": "Épée de fer", "es-419": "Espada", "_c": 1}"#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(names.get(Locale::German), Some("Eisenschwert"));
        assert_eq!(
            names.get(Locale::Spanish),
            Some("Espada"),
            "es-419 reads Spanish"
        );
        assert_eq!(
            names.or("Iron Sword", Locale::French.texts()),
            "Épée de fer"
        );
        assert_eq!(names.or("Iron Sword", Texts::ENGLISH), "Iron Sword");
        assert_eq!(
            names.or("Iron Sword", Locale::Russian.texts()),
            "Iron Sword"
        );
        assert!(Names::default().is_empty());
    }

    #[test]
    fn unknown_codes_and_bad_names_are_refused_with_what_to_do() {
        let (_, problems) =
            parsed(r#"{"ja": "鉄の剣", "de": 3, "fr": "", "pt-BR": "a", "pt": "b"}"#);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems[0].contains("\"ja\"") && problems[0].contains("de, fr, es-ES"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("should be a string"),
            "{}",
            problems[1]
        );
        assert!(problems[2].contains("is empty"), "{}", problems[2]);
        assert!(problems[3].contains("pt-BR twice"), "{}", problems[3]);
        let (_, problems) = parsed(r#"["de"]"#);
        assert!(problems[0].contains("should be an object"), "{problems:?}");
    }
}
