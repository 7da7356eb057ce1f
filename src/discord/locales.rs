//! Which language each reader gets (issue 18), beyond the interaction at hand:
//! - a guild's shared messages (board, log channel, panel) read the guild's language: the
//!   one it chose (`GuildConfig::locale`, from the file or /setup), else the one Discord
//!   reports (`preferred_locale` in `GUILD_CREATE`/`GUILD_UPDATE`, `guild_locale` on each
//!   interaction), else English;
//! - a member's DMs and expired flow messages read the member's last known language: the
//!   `locale` of their latest interaction, kept in memory and in the store (so a restart
//!   keeps it). It is written only when it changes, never on an answer's path.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::config::GuildConfig;
use crate::domain::Snowflake;
use crate::i18n::{Locale, Texts};
use crate::store::Store;

#[derive(Default)]
pub struct Locales {
    /// Each guild's language as Discord reports it (shipped ones only).
    guilds: Mutex<HashMap<Snowflake, Locale>>,
    /// Each member's last known language, as far as this process has seen or read it.
    members: Mutex<HashMap<Snowflake, Locale>>,
}

impl Locales {
    /// Notes the language Discord reports for a guild (any code; one not shipped is
    /// forgotten, so the guild reads English). Whether it differs from the one known.
    pub fn guild_reported(&self, guild: Snowflake, code: Option<&str>) -> bool {
        let mut guilds = lock(&self.guilds);
        let before = match code.and_then(Locale::from_discord) {
            Some(locale) => guilds.insert(guild, locale),
            None => guilds.remove(&guild),
        };
        before != guilds.get(&guild).copied()
    }

    /// The texts of a guild's shared messages: its own choice, else Discord's, else English.
    pub fn guild_texts(&self, guild: Snowflake, config: Option<&GuildConfig>) -> Texts {
        config
            .and_then(|c| c.locale)
            .or_else(|| lock(&self.guilds).get(&guild).copied())
            .unwrap_or_default()
            .texts()
    }

    /// Notes the language of a member's interaction; saved (in the background) when it is
    /// not the one last known.
    pub fn member_seen(&self, store: &Store, user: Snowflake, locale: Locale) {
        let changed = lock(&self.members).insert(user, locale) != Some(locale);
        if changed {
            let store = store.clone();
            tokio::spawn(async move {
                if let Err(err) = store.save_member_locale(user, locale).await {
                    tracing::warn!(%err, "could not save a member's language");
                }
            });
        }
    }

    /// The texts of a member's DMs: their last known language, English if none is.
    pub async fn member_texts(&self, store: &Store, user: Snowflake) -> Texts {
        if let Some(locale) = lock(&self.members).get(&user).copied() {
            return locale.texts();
        }
        match store.member_locale(user).await {
            Ok(Some(locale)) => {
                lock(&self.members).entry(user).or_insert(locale);
                locale.texts()
            }
            Ok(None) => Texts::ENGLISH,
            Err(err) => {
                tracing::warn!(%err, "could not read a member's language");
                Texts::ENGLISH
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guild_reads_its_choice_then_discords_language_then_english() {
        let locales = Locales::default();
        let guild = Snowflake::from_discord(7);
        let mut config = crate::flow::setup::fresh_settings(guild);
        assert_eq!(locales.guild_texts(guild, Some(&config)), Texts::ENGLISH);
        locales.guild_reported(guild, Some("de"));
        assert_eq!(
            locales.guild_texts(guild, Some(&config)).locale(),
            Locale::German
        );
        assert_eq!(locales.guild_texts(guild, None).locale(), Locale::German);
        config.locale = Some(Locale::French);
        assert_eq!(
            locales.guild_texts(guild, Some(&config)).locale(),
            Locale::French
        );
        // Discord's language changed to one craftdesk does not ship: English again.
        locales.guild_reported(guild, Some("ja"));
        assert_eq!(locales.guild_texts(guild, None), Texts::ENGLISH);
        assert_eq!(
            locales
                .guild_texts(Snowflake::from_discord(8), None)
                .locale(),
            Locale::English
        );
    }
}
