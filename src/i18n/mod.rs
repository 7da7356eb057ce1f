//! Languages: every text a member reads comes from the Fluent files in `locales/`, one
//! folder per shipped locale (Discord's codes) and one `.ftl` file per area (request,
//! board, setup…). The files are built into the binary.
//!
//! Who reads what (issue 18): an interaction's answer and the member's own flow message
//! follow the member's locale (`Interaction::locale`); shared messages (board, log channel,
//! panel) follow the guild's (`[guild] locale` or /setup, else Discord's `guild_locale`);
//! DMs follow the member's last known locale. A locale Discord has and craftdesk does not
//! ship reads English; a key missing from a shipped locale also falls back to English (the
//! completeness tests keep that from happening).
//!
//! Flows stay pure: they are handed a [`Texts`] (the texts of the locale they render for)
//! and call [`t!`](crate::t). Texts decided before their reader is known (a refusal, an
//! input parser's message) travel as a [`Msg`] (a key and its arguments) and are worded
//! where they are shown.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::domain::Snowflake;

#[cfg(test)]
mod tests;

/// The Fluent files: `locales/<Discord locale code>/<area>.ftl`.
static LOCALES_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// A language craftdesk ships, complete.
/// Written (in files, settings and the store) as its Discord code; read from any code
/// [`Locale::from_discord`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Locale {
    #[default]
    English,
    German,
    French,
    Spanish,
    Russian,
    BrazilianPortuguese,
}

impl TryFrom<String> for Locale {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::from_discord(&code).ok_or_else(|| {
            let shipped: Vec<&str> = Self::ALL.iter().map(|l| l.code()).collect();
            format!(
                "craftdesk does not ship the language {code:?}; it ships {}",
                shipped.join(", ")
            )
        })
    }
}

impl From<Locale> for &'static str {
    fn from(locale: Locale) -> Self {
        locale.code()
    }
}

impl Locale {
    /// Every shipped locale, English (the fallback) first.
    pub const ALL: [Self; 6] = [
        Self::English,
        Self::German,
        Self::French,
        Self::Spanish,
        Self::Russian,
        Self::BrazilianPortuguese,
    ];

    /// Discord's code for it (the folder its files are in).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::English => "en-US",
            Self::German => "de",
            Self::French => "fr",
            Self::Spanish => "es-ES",
            Self::Russian => "ru",
            Self::BrazilianPortuguese => "pt-BR",
        }
    }

    /// The language's own name, for menus ("Deutsch", "Français"…).
    #[must_use]
    pub const fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::German => "Deutsch",
            Self::French => "Français",
            Self::Spanish => "Español",
            Self::Russian => "Русский",
            Self::BrazilianPortuguese => "Português do Brasil",
        }
    }

    /// The shipped locale for one of Discord's locale codes (`en-GB`, `de`, `es-419`…), or
    /// `None` for a language craftdesk does not ship. Case and `_` are forgiven.
    #[must_use]
    pub fn from_discord(code: &str) -> Option<Self> {
        let code = code.trim().replace('_', "-").to_ascii_lowercase();
        let language = code.split('-').next().unwrap_or_default();
        match language {
            "en" => Some(Self::English),
            "de" => Some(Self::German),
            "fr" => Some(Self::French),
            // Discord has es-ES and es-419 (Latin America): both read Spanish.
            "es" => Some(Self::Spanish),
            "ru" => Some(Self::Russian),
            // Only Brazilian Portuguese is shipped; Discord has no pt-PT.
            "pt" => Some(Self::BrazilianPortuguese),
            _ => None,
        }
    }

    /// [`from_discord`](Self::from_discord), English for a language not shipped.
    #[must_use]
    pub fn or_english(code: &str) -> Self {
        Self::from_discord(code).unwrap_or_default()
    }

    /// The texts of this locale.
    #[must_use]
    pub const fn texts(self) -> Texts {
        Texts { locale: self }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

type Bundle = FluentBundle<FluentResource>;

/// One bundle per shipped locale, in [`Locale::ALL`] order, built on first use.
static BUNDLES: LazyLock<Vec<Bundle>> = LazyLock::new(|| Locale::ALL.map(bundle).into());

/// Builds every locale's texts now, plural rules included, rather than on the first
/// member's answer (parsing every `.ftl` file of six languages would otherwise hold up the
/// first burst of answers). Returns how long it took.
#[must_use]
pub fn preload() -> std::time::Duration {
    let started = std::time::Instant::now();
    LazyLock::force(&BUNDLES);
    for locale in Locale::ALL {
        // A message with a plural builds the locale's plural rules.
        let _ = locale
            .texts()
            .format("request-option-items", &[("count", Arg::Number(2))]);
    }
    started.elapsed()
}

/// The bundle of one locale: every `.ftl` file of its folder. A file that does not parse
/// keeps the messages that do (the tests refuse such a file).
fn bundle(locale: Locale) -> Bundle {
    let language = locale.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![language]);
    // No Unicode isolation marks around arguments: Discord shows them as they are, and
    // member text is already cleaned of direction controls (`flow::text`).
    bundle.set_use_isolating(false);
    for file in source_files(locale) {
        let resource = match FluentResource::try_new(file.1.to_owned()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                tracing::error!(locale = %locale, file = file.0, ?errors, "a Fluent file has errors");
                resource
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(locale = %locale, file = file.0, ?errors, "a Fluent file repeats a message");
        }
    }
    bundle
}

/// The `.ftl` files of one locale: (file name, text), sorted by name.
fn source_files(locale: Locale) -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<(&'static str, &'static str)> = LOCALES_DIR
        .get_dir(locale.code())
        .into_iter()
        .flat_map(Dir::files)
        .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
        .filter_map(|f| Some((f.path().to_str()?, f.contents_utf8()?)))
        .collect();
    files.sort_unstable();
    files
}

/// The texts of one locale: what flows and renderers are handed. Copy, no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Texts {
    locale: Locale,
}

impl Texts {
    /// English: the fallback, and the language of what is not read by a member (tests,
    /// operator-facing output).
    pub const ENGLISH: Self = Locale::English.texts();

    #[must_use]
    pub const fn locale(self) -> Locale {
        self.locale
    }

    /// The message `key` with no arguments.
    #[must_use]
    pub fn get(self, key: &str) -> String {
        self.format(key, &[])
    }

    /// The message `key` with its arguments. A key missing from this locale reads English;
    /// missing from English too, the key itself (the tests keep both from happening).
    #[must_use]
    pub fn format(self, key: &str, args: &[(&str, Arg)]) -> String {
        let bundles = &*BUNDLES;
        let found = [self.locale, Locale::English]
            .into_iter()
            .find_map(|locale| {
                let bundle = &bundles[locale.index()];
                Some((bundle, bundle.get_message(key)?.value()?))
            });
        let Some((bundle, pattern)) = found else {
            tracing::warn!(key, locale = %self.locale, "a text is missing");
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.to_fluent());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, locale = %self.locale, ?errors, "a text did not format cleanly");
        }
        text.into_owned()
    }

    /// A note as kept in the database ([`Msg::stored`]), worded in this locale: one of
    /// craftdesk's messages in the reader's language, anything else (a crafter's words, a
    /// note stored before messages were kept this way) as it is.
    #[must_use]
    pub fn stored(self, note: &str) -> String {
        let Some(encoded) = note.strip_prefix(STORED_MARK) else {
            return note.to_owned();
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(encoded) else {
            return encoded.to_owned();
        };
        let Some(key) = value["key"].as_str() else {
            return encoded.to_owned();
        };
        let args: Vec<(&str, Arg)> = value["args"]
            .as_object()
            .map(|args| {
                args.iter()
                    .map(|(name, value)| {
                        let arg = match value.as_i64() {
                            Some(n) => Arg::Number(n),
                            None => Arg::Text(value.as_str().unwrap_or_default().to_owned()),
                        };
                        (name.as_str(), arg)
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.format(key, &args)
    }

    /// A [`Msg`] worded in this locale.
    #[must_use]
    pub fn msg(self, msg: &Msg) -> String {
        match msg {
            Msg::Key { key, args } => {
                let args: Vec<(&str, Arg)> = args
                    .iter()
                    .map(|(name, value)| (*name, value.clone()))
                    .collect();
                self.format(key, &args)
            }
            Msg::Plain(text) => text.clone(),
        }
    }
}

/// A value handed to a message: text, or a number (plurals select on numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Self::Text(text) => FluentValue::from(text.clone()),
            Self::Number(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Self::Text(text.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Self {
        Self::Text(text.into_owned())
    }
}

/// A Discord id goes as text: as a number it would be formatted (and lose digits).
impl From<Snowflake> for Arg {
    fn from(id: Snowflake) -> Self {
        Self::Text(id.to_string())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

/// A text decided before its reader's locale is known: a key and its arguments, worded by
/// [`Texts::msg`] where it is shown. `Plain` is text that is not craftdesk's own to
/// translate (what an admin's file or Discord said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key {
        key: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    Plain(String),
}

impl Msg {
    /// The message `key`, no arguments yet.
    #[must_use]
    pub const fn new(key: &'static str) -> Self {
        Self::Key {
            key,
            args: Vec::new(),
        }
    }

    /// With one more argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        if let Self::Key { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// The key, if it is one of craftdesk's messages.
    #[must_use]
    pub const fn key(&self) -> Option<&'static str> {
        match self {
            Self::Key { key, .. } => Some(key),
            Self::Plain(_) => None,
        }
    }

    /// Worded in English (logs, tests).
    #[must_use]
    pub fn english(&self) -> String {
        Texts::ENGLISH.msg(self)
    }

    /// As kept in the database (a request's history), to be worded when read in each
    /// reader's language ([`Texts::stored`]): one of craftdesk's messages as its key and
    /// arguments behind a marker no typed text starts with; plain text as it is.
    #[must_use]
    pub fn stored(&self) -> String {
        match self {
            Self::Key { key, args } => {
                let args: serde_json::Map<String, serde_json::Value> = args
                    .iter()
                    .map(|(name, value)| {
                        let value = match value {
                            Arg::Text(text) => serde_json::Value::from(text.as_str()),
                            Arg::Number(n) => serde_json::Value::from(*n),
                        };
                        ((*name).to_owned(), value)
                    })
                    .collect();
                let stored = serde_json::json!({ "key": key, "args": args });
                format!("{STORED_MARK}{stored}")
            }
            Self::Plain(text) => text.trim_start_matches(STORED_MARK).to_owned(),
        }
    }
}

/// What starts a [`Msg::stored`] message of craftdesk's: a control character, removed from
/// the start of plain text stored.
const STORED_MARK: char = '\u{1}';

/// Text that is not one of craftdesk's messages (what an admin's file or Discord said).
impl From<String> for Msg {
    fn from(text: String) -> Self {
        Self::Plain(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Self {
        Self::Plain(text.to_owned())
    }
}

impl fmt::Display for Msg {
    /// English: for logs and errors, never for a member (who gets [`Texts::msg`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// A message of `texts`: `t!(texts, "key")` or `t!(texts, "key", name = value, …)`, where
/// each value is anything [`Arg`] converts from (text, a number, a `Snowflake`).
#[macro_export]
macro_rules! t {
    ($texts:expr, $key:literal $(,)?) => {
        $texts.get($key)
    };
    ($texts:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $texts.format($key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// A [`Msg`]: `msg!("key")` or `msg!("key", name = value, …)`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(,)?) => {
        $crate::i18n::Msg::new($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Msg::new($key)$(.arg(stringify!($name), $value))+
    };
}
