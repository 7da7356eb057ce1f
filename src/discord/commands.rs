//! The slash commands craftdesk registers, and registering them.

use serenity::all::{
    Command, CommandOptionType, CreateCommand, CreateCommandOption, GuildId, InteractionContext,
    Permissions,
};

use super::bot::Bot;
use super::guilds::GuildRuntime;
use super::rest::{self, Lane};
use crate::pace::Priority;

/// `/request [item]`, `/status`, `/register`, `/requests`, `/catalog`, `/setup` (Manage Server).
#[must_use]
pub fn definitions() -> Vec<CreateCommand> {
    let guild_only = || vec![InteractionContext::Guild];
    vec![
        CreateCommand::new("request")
            .description("Ask the guild's crafters for an item")
            .contexts(guild_only())
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "item",
                    "Jump straight to an item (type to search)",
                )
                .required(false)
                .set_autocomplete(true),
            ),
        CreateCommand::new("status")
            .description("See and cancel your requests")
            .contexts(guild_only()),
        CreateCommand::new("register")
            .description("Add, edit or remove your characters")
            .contexts(guild_only()),
        CreateCommand::new("requests")
            .description(
                "Crafters and officers: open requests, claims, your work and its shopping list",
            )
            .contexts(guild_only()),
        catalog_command(),
        CreateCommand::new("setup")
            .description("Admins: set craftdesk up for this server (channels, roles, limits)")
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
        CreateCommandOption::new(
            CommandOptionType::String,
            "profession",
            "The profession, e.g. enchanting (type to search)",
        )
        .required(true)
        .max_length(32)
        .set_autocomplete(true)
    };
    CreateCommand::new("catalog")
        .description("Officers: upload, download or reset a profession's catalog")
        .contexts(vec![InteractionContext::Guild])
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "upload",
                "Replace a profession's catalog with a JSON file",
            )
            .add_sub_option(profession())
            .add_sub_option(
                CreateCommandOption::new(
                    CommandOptionType::Attachment,
                    "file",
                    "The profession's catalog JSON (at most 256 KiB)",
                )
                .required(true),
            ),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "download",
                "Get a profession's current catalog as a JSON file",
            )
            .add_sub_option(profession()),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "reset",
                "Serve the built-in catalog for a profession again",
            )
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
