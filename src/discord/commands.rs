//! The slash commands craftdesk registers, and registering them.

use serenity::all::{
    Command, CommandOptionType, CreateCommand, CreateCommandOption, GuildId, InteractionContext,
    Permissions,
};

use super::bot::Bot;
use super::guilds::GuildRuntime;
use super::rest::{self, Lane};
use crate::pace::Priority;

/// `/request [item]`, `/status`, `/register`, `/requests`, `/setup` (Manage Server).
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
        CreateCommand::new("setup")
            .description("Admins: set craftdesk up for this server (channels, roles, limits)")
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .contexts(guild_only()),
    ]
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
}
