//! What a scripted member reads. Members' clients are set to different languages (the crowd
//! takes [`CROWD_LOCALES`] in turn), so the scene clicks the labels and recognises the
//! answers of each member's own language, from the same Fluent files the bot words them with:
//! a member finds "Typ einen Namen ein" where another finds "Type a name".

use discord_emulator::ScriptedUser;

use crate::i18n::{Arg, Locale, Texts};

use super::Scene;

/// The crowd's client languages, member after member: the six craftdesk ships and one it
/// does not (Japanese, which reads English).
pub(crate) const CROWD_LOCALES: [&str; 7] = ["en-US", "de", "fr", "es-ES", "ru", "pt-BR", "ja"];

/// The client language of the crowd's member `n`.
pub(crate) fn crowd_locale(n: usize) -> &'static str {
    CROWD_LOCALES[n % CROWD_LOCALES.len()]
}

impl Scene {
    /// The texts `member` reads: their client's language, English for one not shipped.
    pub(crate) fn texts_of(&self, member: &ScriptedUser) -> Texts {
        let code = self.emu.user_locale(member.id()).unwrap_or_default();
        Locale::or_english(&code).texts()
    }
}

/// Stands in for a variable's value, to find what a message says around it.
const MARK: &str = "\u{1}";

/// The message `key` of `texts` around its variable `name`: what comes before it and after.
fn around(texts: Texts, key: &str, name: &str) -> (String, String) {
    let text = texts.format(key, &[(name, Arg::from(MARK))]);
    match text.split_once(MARK) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (text, String::new()),
    }
}

/// Whether `text` is a request flow's first screen ("**New request** · step 1 of 7 · …").
pub(crate) fn is_first_step(texts: Texts, text: &str) -> bool {
    let header = texts.format(
        "request-header",
        &[
            ("number", Arg::from(1u32)),
            ("steps", Arg::from(MARK)),
            ("question", Arg::from("")),
        ],
    );
    let lead = header.split(MARK).next().unwrap_or_default();
    !lead.is_empty() && text.contains(lead)
}

/// The number in a receipt ("✅ **Request #12 submitted.** …", "✅ **Anfrage #12
/// eingereicht.** …"), or `None` for any other answer.
pub(crate) fn receipt_number(texts: Texts, text: &str) -> Option<u32> {
    let (before, after) = around(texts, "request-receipt", "number");
    // What follows the number up to the end of the bold part: " submitted.**".
    let follows = after.find("**").map(|end| &after[..end + 2])?;
    let rest = text.strip_prefix(before.as_str())?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    rest[digits..]
        .starts_with(follows)
        .then(|| rest[..digits].parse().ok())?
}

/// Whether `text` asks to wait and press Confirm again (a member's submissions came faster
/// than the guild allows).
pub(crate) fn is_too_soon(texts: Texts, text: &str) -> bool {
    let (_, after) = around(texts, "refusal-limit-too-soon", "seconds");
    !after.trim().is_empty() && text.contains(after.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_s_number_is_read_in_every_language_and_nothing_else_passes_for_one() {
        for locale in Locale::ALL {
            let texts = locale.texts();
            let receipt = texts.format("request-receipt", &[("number", Arg::from(12u32))]);
            assert_eq!(receipt_number(texts, &receipt), Some(12), "{receipt}");
            let on_board = texts.format(
                "request-receipt-on-board",
                &[("number", Arg::from(7u32)), ("link", Arg::from("<#1>"))],
            );
            assert_eq!(receipt_number(texts, &on_board), Some(7), "{on_board}");
            let wait = texts.format("refusal-limit-too-soon", &[("seconds", Arg::from(3u32))]);
            assert_eq!(receipt_number(texts, &wait), None, "{wait}");
            assert!(is_too_soon(texts, &wait), "{wait}");
            assert!(!is_too_soon(texts, &receipt), "{receipt}");
        }
        let english = Texts::ENGLISH;
        assert_eq!(receipt_number(english, "**Request #x submitted.**"), None);
        assert_eq!(
            receipt_number(english, "✅ **Request #12 cancelled.**"),
            None
        );
        // Another language's receipt is not this member's.
        let german = Locale::German.texts();
        let receipt = german.format("request-receipt", &[("number", Arg::from(3u32))]);
        assert_eq!(receipt_number(english, &receipt), None);
    }

    #[test]
    fn the_first_step_is_told_from_the_others_in_every_language() {
        for locale in Locale::ALL {
            let texts = locale.texts();
            let header = |number: u32| {
                texts.format(
                    "request-header",
                    &[
                        ("number", Arg::from(number)),
                        ("steps", Arg::from(7u32)),
                        ("question", texts.get("request-step-character").into()),
                    ],
                )
            };
            assert!(is_first_step(texts, &header(1)), "{}", header(1));
            assert!(!is_first_step(texts, &header(2)), "{}", header(2));
        }
    }

    #[test]
    fn the_crowd_reads_several_languages_one_of_them_not_shipped() {
        let locales: Vec<&str> = (0..CROWD_LOCALES.len()).map(crowd_locale).collect();
        for locale in Locale::ALL {
            assert!(locales.contains(&locale.code()), "{locale:?}");
        }
        assert!(locales
            .iter()
            .any(|code| Locale::from_discord(code).is_none()));
    }
}
