//! Discord's side of background upkeep: the calls the cleanup task makes, and the
//! reconciliation at startup between what Discord has and what the store remembers
//! (then what a crash left half done: `recovery.rs`).

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, EditMessage, Http, MessageId};

use super::bot::{discord_code, snowflake, Bot};
use super::recovery::{recover, Recovered};
use super::rest::{self, Lane, Rest};
use super::spaces::UNKNOWN_CHANNEL;
use crate::cleanup::{CleanupDiscord, Failure};
use crate::config::GuildMode;
use crate::domain::{Snowflake, Timestamp};
use crate::pace::Priority;
use crate::store::StoreError;

const UNKNOWN_MESSAGE: isize = 10_008;

/// serenity's calls for the cleanup task, paced as background work (members' calls go
/// first).
pub struct DiscordCleanup {
    http: Arc<Http>,
    rest: Arc<Rest>,
    /// For each member's language (an expired flow's message reads it).
    bot: Arc<Bot>,
}

impl DiscordCleanup {
    #[must_use]
    pub fn new(bot: Arc<Bot>) -> Self {
        Self {
            http: bot.http.clone(),
            rest: bot.rest.clone(),
            bot,
        }
    }
}

const BACKGROUND: Lane = Lane::Global(Priority::Background);

fn failure(err: &serenity::Error) -> Failure {
    if matches!(discord_code(err), Some(UNKNOWN_CHANNEL | UNKNOWN_MESSAGE)) {
        return Failure::Gone;
    }
    match err {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if response.status_code.as_u16() == 429 || response.status_code.is_server_error() =>
        {
            Failure::Retry(format!("HTTP {}", response.status_code))
        }
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if response.status_code.as_u16() == 404 =>
        {
            Failure::Gone
        }
        other => Failure::Fatal(other.to_string()),
    }
}

impl CleanupDiscord for DiscordCleanup {
    fn mark_expired(
        &self,
        user: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let (http, rest, bot) = (self.http.clone(), self.rest.clone(), self.bot.clone());
        async move {
            let texts = bot.member_texts(user).await;
            let edit = EditMessage::new()
                .content(crate::flow::refusal::Refusal::Expired.reply_in(texts))
                .embeds(Vec::new())
                .components(Vec::new())
                .allowed_mentions(serenity::all::CreateAllowedMentions::new());
            let edited = rest
                .call(
                    rest::EDIT_MESSAGE,
                    BACKGROUND,
                    ChannelId::new(channel.get()).edit_message(
                        &*http,
                        MessageId::new(message.get()),
                        edit,
                    ),
                )
                .await;
            edited.map(|_| ()).map_err(|e| failure(&e))
        }
    }

    fn delete_channel(
        &self,
        guild: Snowflake,
        channel: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let (http, rest) = (self.http.clone(), self.rest.clone());
        async move {
            let deleted = rest
                .call(
                    rest::DELETE_CHANNEL,
                    Lane::ChannelOp(guild, Priority::Background),
                    ChannelId::new(channel.get()).delete(&*http),
                )
                .await;
            deleted.map(|_| ()).map_err(|e| failure(&e))
        }
    }

    fn delete_message(
        &self,
        channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let (http, rest) = (self.http.clone(), self.rest.clone());
        async move {
            rest.call(
                rest::DELETE_MESSAGE,
                BACKGROUND,
                ChannelId::new(channel.get()).delete_message(&*http, MessageId::new(message.get())),
            )
            .await
            .map_err(|e| failure(&e))
        }
    }

    /// Past 8,000 invalid requests in 10 minutes (Discord bans at 10,000). Also refreshes
    /// the metric, which otherwise only moves when a new invalid request comes.
    fn should_pause(&self) -> bool {
        crate::metrics::invalid_requests_recent(self.rest.invalid_requests());
        self.rest.near_invalid_limit()
    }
}

/// What reconciliation did.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub orphan_channels_removed: usize,
    pub forgotten_channels: usize,
    pub sessions_closed: usize,
    /// What was picked up after a crash (see `recovery.rs`).
    pub recovered: Recovered,
}

/// Before serving: picks up what a crash left half done (see `recovery.rs`). The channels
/// are reconciled later, guild by guild, from what each guild's `GUILD_CREATE` carries
/// (see `startup.rs`): nothing here lists a guild's channels.
pub async fn reconcile(bot: &Bot) -> Reconciled {
    let recovered = recover(bot, crate::domain::Timestamp::now()).await;
    tracing::info!(
        flow_messages_adopted = recovered.flow_messages_adopted,
        flows_without_message_closed = recovered.flows_closed,
        board_posts_adopted = recovered.board_posts_adopted,
        board_posts_restored = recovered.board_posts_restored,
        "recovered what a stop left half done"
    );
    Reconciled {
        recovered,
        ..Reconciled::default()
    }
}

/// A guild channel as the gateway delivered it: what reconciliation needs of it.
#[derive(Debug, Clone)]
pub struct SeenChannel {
    pub id: Snowflake,
    pub name: String,
    pub parent: Option<Snowflake>,
}

impl SeenChannel {
    #[must_use]
    pub fn of(channel: &serenity::all::GuildChannel) -> Self {
        Self {
            id: snowflake(channel.id),
            name: channel.name.clone(),
            parent: channel.parent_id.map(snowflake),
        }
    }

    /// The member a `requests-<id>` channel in one of `categories` belongs to.
    fn request_channel_of(&self, categories: &[Snowflake]) -> Option<Snowflake> {
        if !self.parent.is_some_and(|p| categories.contains(&p)) {
            return None;
        }
        self.name
            .strip_prefix("requests-")
            .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|rest| rest.parse::<u64>().ok())
            .and_then(|n| Snowflake::new(n).ok())
    }
}

/// One guild's channel pass, from its channels as Discord had them at `seen_at`
/// (`channels`: every channel of the guild, as `GUILD_CREATE` carries them): request
/// channels in the configured categories that the store does not know are removed (each
/// checked again under its member's channel-creation lease just before it goes: a flow may
/// be storing that very channel right now); channels the store remembers but Discord no
/// longer had are forgotten (their flows closed), except those made since `seen_at` (less
/// [`CLOCK_MARGIN`]): a member's new request channel, made while the guild waited in the
/// queue, is missing from the snapshot but very much there. Costs no REST call when there
/// is nothing to repair.
/// `Err` when the store cannot say which channels it knows: then nothing was done, since
/// every channel would look orphaned.
pub async fn reconcile_guild(
    bot: &Bot,
    runtime: &crate::discord::GuildRuntime,
    channels: &[SeenChannel],
    seen_at: Timestamp,
) -> Result<Reconciled, StoreError> {
    let mut done = Reconciled::default();
    let config = &runtime.config;
    // DM channels are not guild channels: DM-mode guilds have nothing to compare.
    if config.mode != GuildMode::Channel {
        return Ok(done);
    }
    let known: HashSet<Snowflake> = bot
        .store
        .all_member_channels(vec![config.id])
        .await?
        .into_iter()
        .collect();
    let categories = config.request_categories();
    for channel in channels {
        let Some(member) = channel.request_channel_of(&categories) else {
            continue;
        };
        let id = ChannelId::new(channel.id.get());
        if known.contains(&channel.id) || !still_orphan(bot, config.id, member, id).await {
            continue;
        }
        let deleted = bot
            .rest
            .call(
                rest::DELETE_CHANNEL,
                Lane::ChannelOp(config.id, Priority::Background),
                id.delete(&*bot.http),
            )
            .await;
        match deleted {
            Ok(_) => done.orphan_channels_removed += 1,
            Err(err) => {
                tracing::warn!(%err, channel = %id, "cannot remove an orphan request channel");
            }
        }
    }
    let existing: HashSet<Snowflake> = channels.iter().map(|c| c.id).collect();
    let sessions = bot.store.session_channels(vec![config.id]).await?;
    let remembered: HashSet<Snowflake> = known.into_iter().chain(sessions).collect();
    let made_before_the_snapshot = seen_at.saturating_sub(CLOCK_MARGIN);
    let vanished = remembered
        .into_iter()
        .filter(|c| !existing.contains(c) && c.created_at() < made_before_the_snapshot);
    for channel in vanished {
        if let Ok(ended) = bot.store.channel_deleted(channel).await {
            done.forgotten_channels += 1;
            done.sessions_closed += ended.len();
        }
    }
    Ok(done)
}

/// How far Discord's clock (in the ids it makes) and ours may differ: a channel whose id is
/// younger than a snapshot less this may have been made after it, and is not forgotten
/// for missing from it (should it be gone after all, its flow finds out at its next step).
pub const CLOCK_MARGIN: Duration = Duration::from_secs(60);

/// While serving: whether `channel` is still nobody's, checked under its member's
/// channel-creation lease (not held by a flow making or storing it right now).
async fn still_orphan(bot: &Bot, guild: Snowflake, member: Snowflake, channel: ChannelId) -> bool {
    let lease = bot
        .store
        .wait_for_lease(
            super::spaces::space_lease(guild, member),
            bot.holder.clone(),
            super::spaces::SPACE_LEASE_TTL,
            std::time::Duration::ZERO,
        )
        .await;
    let Ok(Some(lease)) = lease else {
        return false;
    };
    let known = bot.store.member_channel(guild, member).await;
    if let Err(err) = lease.release().await {
        tracing::warn!(%err, "cannot release a channel-creation lease; it will run out");
    }
    matches!(known, Ok(stored) if stored != Some(snowflake(channel)))
}
