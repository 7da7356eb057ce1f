//! Building serenity's HTTP and gateway clients from the configuration.

use std::sync::{Arc, OnceLock};

use secrecy::{ExposeSecret, SecretString};
use serenity::all::{GatewayIntents, Http, HttpBuilder};
use serenity::Client;

use super::bot::Bot;
use super::handler::Handler;
use crate::config::DEFAULT_API_BASE;

/// The gateway intents craftdesk needs: only `GUILDS` (channels, roles, a request channel
/// deleted by hand). Interactions arrive without any intent, in guilds and in DMs, and
/// carry the member's roles (a DM click's roles are fetched when they matter), so neither
/// the privileged `GUILD_MEMBERS` nor the message intents are asked for: the latter would
/// send the bot an event for every flow message it posts or edits.
#[must_use]
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
}

/// An HTTP client for `api_base`. Against real Discord serenity's rate limiter stays on;
/// against another address (the emulator) it must be off, since serenity ignores the
/// proxy while the limiter is on (serenity issue #1739).
#[must_use]
pub fn http_client(token: &SecretString, api_base: &str) -> Http {
    let builder = HttpBuilder::new(token.expose_secret());
    let api_base = api_base.trim_end_matches('/');
    if api_base == DEFAULT_API_BASE {
        builder.build()
    } else {
        builder.proxy(api_base).ratelimiter_disabled(true).build()
    }
}

/// The gateway client and the bot that serves its events, sharing one HTTP client (so
/// serenity's rate limiter sees every call).
pub async fn build_client(
    token: &SecretString,
    api_base: &str,
    make_bot: impl FnOnce(Arc<Http>) -> Bot,
) -> serenity::Result<(Client, Arc<Bot>)> {
    let slot = Arc::new(OnceLock::new());
    let client =
        serenity::client::ClientBuilder::new_with_http(http_client(token, api_base), intents())
            .event_handler(Handler::new(slot.clone()))
            .await?;
    let bot = Arc::new(make_bot(client.http.clone()));
    // Set before the client starts, so no event finds it empty.
    let _ = slot.set(bot.clone());
    Ok((client, bot))
}
