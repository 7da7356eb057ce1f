//! Building serenity's HTTP and gateway clients from the configuration.

use std::sync::{Arc, OnceLock};

use secrecy::{ExposeSecret, SecretString};
use serenity::all::{GatewayIntents, Http, HttpBuilder};
use serenity::Client;

use super::bot::Bot;
use super::handler::Handler;
use crate::config::{DiscordConfig, EmulatorEndpoint, DEFAULT_API_BASE};

/// The gateway intents craftdesk needs: only `GUILDS` (channels, roles, a request channel
/// deleted by hand). Interactions arrive without any intent, in guilds and in DMs, and
/// carry the member's roles (a DM click's roles are fetched when they matter), so neither
/// the privileged `GUILD_MEMBERS` nor the message intents are asked for: the latter would
/// send the bot an event for every flow message it posts or edits.
#[must_use]
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
}

/// Why the HTTP client could not be built (only with `[discord.emulator]`).
#[derive(Debug, thiserror::Error)]
pub enum HttpClientError {
    #[error("cannot read discord.emulator.ca_certificate {path}: {source}")]
    ReadCa {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("discord.emulator.ca_certificate {path} is not a PEM certificate: {source}")]
    BadCa {
        path: std::path::PathBuf,
        source: reqwest::Error,
    },
    #[error("cannot build the HTTP client: {0}")]
    Build(reqwest::Error),
}

/// serenity's HTTP client, as `discord` says:
/// - by default, to Discord with serenity's rate limiter on (it waits out `Retry-After` and
///   the `X-RateLimit-*` buckets, per route and global);
/// - with `[discord.emulator]`, the same, but `discord.com` resolves to the emulator on
///   loopback and only its test CA is trusted: the production path, in tests;
/// - with another `api_base` (the older way to reach the emulator), through serenity's
///   proxy with its rate limiter off, since serenity ignores the proxy while the limiter is
///   on (serenity issue #1739).
pub fn http_client(token: &SecretString, discord: &DiscordConfig) -> Result<Http, HttpClientError> {
    let builder = HttpBuilder::new(token.expose_secret());
    if let Some(emulator) = &discord.emulator {
        return Ok(with_limiter_callback(
            builder.client(emulator_client(emulator)?).build(),
        ));
    }
    let api_base = discord.api_base.trim_end_matches('/');
    if api_base == DEFAULT_API_BASE {
        Ok(with_limiter_callback(builder.build()))
    } else {
        Ok(builder.proxy(api_base).ratelimiter_disabled(true).build())
    }
}

/// `http` whose rate limiter tells [`super::rest`] of every wait it imposes.
fn with_limiter_callback(mut http: Http) -> Http {
    if let Some(limiter) = http.ratelimiter.as_mut() {
        limiter.set_ratelimit_callback(Box::new(|info| super::rest::limiter_waited(&info)));
    }
    http
}

/// A client whose calls to `discord.com` go to the emulator, trusting its CA alone.
fn emulator_client(emulator: &EmulatorEndpoint) -> Result<reqwest::Client, HttpClientError> {
    emulator_builder(emulator)?
        .build()
        .map_err(HttpClientError::Build)
}

/// How long downloading one attachment (a catalog upload) may take, all in.
const DOWNLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The client attachments are downloaded with (`/catalog upload`): Discord's CDN, with a
/// timeout and no redirects; with `[discord.emulator]`, the CDN's hosts are the emulator.
pub fn download_client(discord: &DiscordConfig) -> Result<reqwest::Client, HttpClientError> {
    let builder = match &discord.emulator {
        Some(emulator) => emulator_builder(emulator)?,
        None => reqwest::Client::builder().use_rustls_tls(),
    };
    builder
        .timeout(DOWNLOAD_TIMEOUT)
        .connect_timeout(DOWNLOAD_TIMEOUT / 2)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(HttpClientError::Build)
}

/// A client builder resolving Discord's API and CDN hosts to the emulator, trusting its CA alone.
fn emulator_builder(
    emulator: &EmulatorEndpoint,
) -> Result<reqwest::ClientBuilder, HttpClientError> {
    let path = &emulator.ca_certificate;
    let pem = std::fs::read(path).map_err(|source| HttpClientError::ReadCa {
        path: path.clone(),
        source,
    })?;
    let ca = reqwest::Certificate::from_pem(&pem).map_err(|source| HttpClientError::BadCa {
        path: path.clone(),
        source,
    })?;
    // HTTP/2 when the emulator offers it (ALPN), as serenity's own client with Discord: see
    // Cargo.toml on HTTP/2.
    Ok(reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(ca)
        .resolve("discord.com", emulator.address)
        .resolve("cdn.discordapp.com", emulator.address)
        .resolve("media.discordapp.net", emulator.address))
}

/// Why the gateway client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildClientError {
    #[error(transparent)]
    Http(#[from] HttpClientError),
    #[error(transparent)]
    Serenity(#[from] serenity::Error),
}

/// The gateway client and the bot that serves its events. Each has its own HTTP client:
/// serenity's `ClientBuilder` replaces the rate-limit callback of the client it is given
/// (to dispatch `EventHandler::ratelimit` on a task of its own, where the call that waited
/// is unknown), so the bot's calls, every one but serenity's own few (`GET /gateway`), go
/// through a client that keeps [`super::rest::limiter_waited`]. Their limiters keep their
/// own buckets; serenity's calls are a handful per connection.
pub async fn build_client(
    token: &SecretString,
    discord: &DiscordConfig,
    make_bot: impl FnOnce(Arc<Http>) -> Bot,
) -> Result<(Client, Arc<Bot>), BuildClientError> {
    let slot = Arc::new(OnceLock::new());
    let bot_http = Arc::new(http_client(token, discord)?);
    let client =
        serenity::client::ClientBuilder::new_with_http(http_client(token, discord)?, intents())
            .event_handler(Handler::new(slot.clone()))
            .await?;
    let bot = Arc::new(make_bot(bot_http));
    // Set before the client starts, so no event finds it empty.
    let _ = slot.set(bot.clone());
    Ok((client, bot))
}

/// One more gateway client for the same bot (one per shard when shards start together:
/// see `sharding.rs`).
pub async fn shard_client(
    token: &SecretString,
    discord: &DiscordConfig,
    bot: &Arc<Bot>,
) -> Result<Client, BuildClientError> {
    let slot = Arc::new(OnceLock::new());
    let _ = slot.set(bot.clone());
    Ok(
        serenity::client::ClientBuilder::new_with_http(http_client(token, discord)?, intents())
            .event_handler(Handler::new(slot))
            .await?,
    )
}
