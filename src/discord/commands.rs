//! The slash commands craftdesk registers, and registering them. Each command, option and
//! choice carries its name and description in every shipped language (Discord shows a
//! member the ones of their client's language; interactions still arrive with the default,
//! English names, so dispatch reads those). The texts are `commands.ftl`'s.

use serenity::all::{
    Command, CommandOptionType, CreateCommand, CreateCommandOption, GuildId, InteractionContext,
    Permissions,
};

use super::bot::Bot;
use super::guilds::GuildRuntime;
use super::rest::{self, Lane};
use crate::i18n::{Locale, Texts};
use crate::pace::Priority;

/// Discord's locale codes the commands are localized for, and the language of each (both
/// of Discord's Spanish locales read Spain's Spanish). English is the default.
const LOCALIZED: [(&str, Locale); 6] = [
    ("de", Locale::German),
    ("fr", Locale::French),
    ("es-ES", Locale::Spanish),
    ("es-419", Locale::Spanish),
    ("ru", Locale::Russian),
    ("pt-BR", Locale::BrazilianPortuguese),
];

/// The name and description of `commands-<key>` in `texts`.
fn texts_of(texts: Texts, key: &str) -> (String, String) {
    (
        texts.get(&format!("commands-{key}-name")),
        texts.get(&format!("commands-{key}-description")),
    )
}

/// A command named `name` (its English, default name: what interactions carry), with its
/// description and both in every other language, from `commands-<key>-*`.
fn command(name: &str, key: &str) -> CreateCommand {
    let (_, description) = texts_of(Texts::ENGLISH, key);
    LOCALIZED.iter().fold(
        CreateCommand::new(name).description(description),
        |command, (code, locale)| {
            let (name, description) = texts_of(locale.texts(), key);
            command
                .name_localized(*code, name)
                .description_localized(*code, description)
        },
    )
}

/// An option, as [`command`].
fn option(kind: CommandOptionType, name: &str, key: &str) -> CreateCommandOption {
    let (_, description) = texts_of(Texts::ENGLISH, key);
    LOCALIZED.iter().fold(
        CreateCommandOption::new(kind, name, description),
        |option, (code, locale)| {
            let (name, description) = texts_of(locale.texts(), key);
            option
                .name_localized(*code, name)
                .description_localized(*code, description)
        },
    )
}

/// `/request [item]`, `/status`, `/register`, `/requests`, `/catalog`, `/setup` (Manage Server).
#[must_use]
pub fn definitions() -> Vec<CreateCommand> {
    let guild_only = || vec![InteractionContext::Guild];
    vec![
        command("request", "request")
            .contexts(guild_only())
            .add_option(
                option(CommandOptionType::String, "item", "request-item")
                    .required(false)
                    .set_autocomplete(true),
            ),
        command("status", "status").contexts(guild_only()),
        command("register", "register").contexts(guild_only()),
        command("requests", "requests").contexts(guild_only()),
        catalog_command(),
        command("setup", "setup")
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .contexts(guild_only()),
    ]
}

/// `/catalog upload|download|reset profession [file]`: subcommands, since the three act on
/// one profession each and only upload takes a file (Discord shows each with just its own
/// options). Visible to everyone (officers need not have Manage Server, which
/// `default_member_permissions` could only ask for); who may change it is checked at the
/// moment of acting.
fn catalog_command() -> CreateCommand {
    let profession = || {
        option(
            CommandOptionType::String,
            "profession",
            "catalog-profession",
        )
        .required(true)
        .max_length(32)
        .set_autocomplete(true)
    };
    command("catalog", "catalog")
        .contexts(vec![InteractionContext::Guild])
        .add_option(
            option(CommandOptionType::SubCommand, "upload", "catalog-upload")
                .add_sub_option(profession())
                .add_sub_option(
                    option(CommandOptionType::Attachment, "file", "catalog-upload-file")
                        .required(true),
                ),
        )
        .add_option(
            option(
                CommandOptionType::SubCommand,
                "download",
                "catalog-download",
            )
            .add_sub_option(profession()),
        )
        .add_option(
            option(CommandOptionType::SubCommand, "reset", "catalog-reset")
                .add_sub_option(profession()),
        )
}

/// Registers the commands per configured guild (available at once) or globally.
pub async fn register(bot: &Bot, guilds: &[&GuildRuntime], shard_zero: bool) {
    if bot.global_commands() {
        // Once, by whoever runs shard 0.
        if !shard_zero {
            return;
        }
        let set = bot
            .rest
            .call(
                rest::GLOBAL_COMMANDS,
                Lane::Global(Priority::Urgent),
                Command::set_global_commands(&*bot.http, definitions()),
            )
            .await;
        if let Err(err) = set {
            tracing::error!(%err, "cannot register global commands");
        }
        return;
    }
    for guild in guilds.iter().map(|g| g.config.id) {
        register_guild(bot, guild).await;
    }
}

/// With guild-scoped commands, registers them for one guild: a guild the bot is in that is
/// not set up yet (so its admins see `/setup` and its members are told to wait for it), and
/// a guild set up or added to the file since the start (available at once, no restart).
/// Does nothing with global commands (they already serve every guild). Idempotent.
pub async fn register_guild(bot: &Bot, guild: crate::domain::Snowflake) {
    if bot.global_commands() {
        return;
    }
    let set = bot
        .rest
        .call(
            rest::GUILD_COMMANDS,
            Lane::Global(Priority::Urgent),
            GuildId::new(guild.get()).set_commands(&*bot.http, definitions()),
        )
        .await;
    if let Err(err) = set {
        tracing::error!(%err, %guild, "cannot register the guild's commands (is the bot in that guild?)");
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::{BTreeMap, BTreeSet};

    use serde_json::Value;

    use super::*;

    /// Discord's rule for names: `^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`, lowercase
    /// where the letter has a lowercase form.
    fn valid_name(name: &str) -> bool {
        let length = name.chars().count();
        (1..=32).contains(&length)
            && name
                .chars()
                .all(|c| c == '-' || c == '_' || c.is_alphabetic() || c.is_numeric())
            && name.to_lowercase() == name
    }

    /// Checks one command or option (and its options and choices) in every localized
    /// locale; `siblings` collects the names at its level per locale (unique there).
    fn check(
        entry: &Value,
        path: &str,
        siblings: &mut BTreeMap<String, BTreeSet<String>>,
        problems: &mut Vec<String>,
    ) {
        let name = entry["name"].as_str().unwrap();
        let path = format!("{path}/{name}");
        let description = entry["description"].as_str().unwrap_or_default();
        // Sub-commands' and options' descriptions are required; a user command has none.
        if !(1..=100).contains(&description.chars().count()) {
            problems.push(format!("{path}: English description {description:?}"));
        }
        if !valid_name(name) {
            problems.push(format!("{path}: English name {name:?}"));
        }
        for (code, _) in LOCALIZED {
            let local_name = entry["name_localizations"][code].as_str();
            let local_description = entry["description_localizations"][code].as_str();
            match (local_name, local_description) {
                (Some(n), Some(d)) => {
                    if !valid_name(n) {
                        problems.push(format!("{path}: {code} name {n:?}"));
                    }
                    if n.starts_with("commands-") {
                        problems.push(format!("{path}: {code} name is a missing key {n:?}"));
                    }
                    if !(1..=100).contains(&d.chars().count()) || d.starts_with("commands-") {
                        problems.push(format!("{path}: {code} description {d:?}"));
                    }
                    if !siblings
                        .entry(code.to_owned())
                        .or_default()
                        .insert(n.to_owned())
                    {
                        problems.push(format!("{path}: {code} name {n:?} is taken at its level"));
                    }
                }
                _ => problems.push(format!("{path}: no {code} name or description")),
            }
        }
        if !siblings
            .entry("default".to_owned())
            .or_default()
            .insert(name.to_owned())
        {
            problems.push(format!("{path}: name {name:?} is taken at its level"));
        }
        let mut options = BTreeMap::new();
        for option in entry["options"].as_array().into_iter().flatten() {
            check(option, &path, &mut options, problems);
        }
        let mut choices = BTreeMap::new();
        for choice in entry["choices"].as_array().into_iter().flatten() {
            // Choices have a name (1–100 characters, any text) and no description.
            let choice_name = choice["name"].as_str().unwrap_or_default();
            for (code, _) in LOCALIZED {
                match choice["name_localizations"][code].as_str() {
                    Some(n) if (1..=100).contains(&n.chars().count()) => {
                        choices
                            .entry(code)
                            .or_insert_with(BTreeSet::new)
                            .insert(n.to_owned());
                    }
                    _ => problems.push(format!("{path}: choice {choice_name:?} in {code}")),
                }
            }
        }
    }

    #[test]
    fn every_command_option_and_choice_is_localized_within_discords_rules() {
        let commands: Vec<Value> = definitions()
            .iter()
            .map(|c| serde_json::to_value(c).unwrap())
            .collect();
        assert_eq!(commands.len(), 6);
        let mut problems = Vec::new();
        let mut top = BTreeMap::new();
        for command in &commands {
            check(command, "", &mut top, &mut problems);
        }
        assert!(problems.is_empty(), "{problems:#?}");
        // Every shipped non-English locale has its own names (not English ones).
        let request = &commands[0];
        assert_eq!(request["name"], "request");
        assert_eq!(
            request["description"],
            "Ask the guild's crafters for an item"
        );
        assert_eq!(request["name_localizations"]["de"], "anfrage");
        assert_eq!(
            request["name_localizations"]["es-419"],
            request["name_localizations"]["es-ES"]
        );
    }

    #[test]
    fn the_name_rule_refuses_what_discord_refuses() {
        assert!(valid_name("anfrage"));
        assert!(valid_name("заявка"));
        assert!(valid_name("métier"));
        assert!(!valid_name("Anfrage"));
        assert!(!valid_name("two words"));
        assert!(!valid_name(""));
        assert!(!valid_name(&"a".repeat(33)));
        assert!(!valid_name("what?"));
    }
}
