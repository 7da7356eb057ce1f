//! Discord's side of background upkeep: the calls the cleanup task makes, and the
//! reconciliation at startup between what Discord has and what the store remembers
//! (then what a crash left half done: `recovery.rs`).

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;

use serenity::all::{ChannelId, EditMessage, GuildId, Http, MessageId};

use super::bot::{discord_code, snowflake, Bot};
use super::flows::EXPIRED;
use super::recovery::{recover, Recovered};
use super::rest::{self, Lane, Rest};
use super::spaces::UNKNOWN_CHANNEL;
use crate::cleanup::{CleanupDiscord, Failure};
use crate::config::GuildMode;
use crate::domain::Snowflake;
use crate::pace::Priority;
use crate::store::StoreError;

const UNKNOWN_MESSAGE: isize = 10_008;

/// serenity's calls for the cleanup task, paced as background work (members' calls go
/// first).
pub struct DiscordCleanup {
    http: Arc<Http>,
    rest: Arc<Rest>,
}

impl DiscordCleanup {
    #[must_use]
    pub fn new(http: Arc<Http>, rest: Arc<Rest>) -> Self {
        Self { http, rest }
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
        channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let (http, rest) = (self.http.clone(), self.rest.clone());
        async move {
            let edit = EditMessage::new()
                .content(EXPIRED)
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

/// What startup reconciliation did.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub orphan_channels_removed: usize,
    pub forgotten_channels: usize,
    pub sessions_closed: usize,
    /// The channel pass did not run: the store could not say which channels it knows
    /// (and "it knows none" would make every member's channel look orphaned). A later
    /// pass ([`reconcile_channels_later`]) does the work.
    pub channels_skipped: bool,
    /// What was picked up after a crash (see `recovery.rs`).
    pub recovered: Recovered,
}

/// When a channel pass runs: before serving, or later while members are being served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    Startup,
    /// While serving, each orphan is checked again under its member's channel-creation
    /// lease just before it goes: a flow may be storing that very channel right now.
    Serving,
}

/// Before serving: request channels in the configured categories that the store does not
/// know are removed; channels the store remembers but Discord no longer has are forgotten
/// (their flows closed). Best effort: a guild that cannot be read is skipped and logged;
/// when the store cannot be read, nothing is removed (see [`Reconciled::channels_skipped`]).
pub async fn reconcile(bot: &Bot) -> Reconciled {
    let mut done = match reconcile_channels(bot, Pass::Startup).await {
        Ok(done) => done,
        Err(err) => {
            tracing::warn!(%err, "cannot read the request channels the database knows; no channel is removed now, a later pass will reconcile them");
            Reconciled {
                channels_skipped: true,
                ..Reconciled::default()
            }
        }
    };
    done.recovered = recover(bot, crate::domain::Timestamp::now()).await;
    let r = done.recovered;
    tracing::info!(
        orphans_removed = done.orphan_channels_removed,
        channels_forgotten = done.forgotten_channels,
        sessions_closed = done.sessions_closed,
        flow_messages_adopted = r.flow_messages_adopted,
        flows_without_message_closed = r.flows_closed,
        board_posts_adopted = r.board_posts_adopted,
        board_posts_restored = r.board_posts_restored,
        "reconciled with Discord"
    );
    done
}

/// One channel pass (see [`reconcile`]). `Err` when the store cannot say which channels it
/// knows: then nothing was done, since every channel would look orphaned.
pub async fn reconcile_channels(bot: &Bot, pass: Pass) -> Result<Reconciled, StoreError> {
    let mut done = Reconciled::default();
    // Only the guilds on this process's shards: others reconcile theirs.
    let owned = bot.owned_guilds();
    let channel_mode: Vec<Snowflake> = owned
        .iter()
        .filter(|g| g.config.mode == GuildMode::Channel)
        .map(|g| g.config.id)
        .collect();
    let known: HashSet<Snowflake> = bot
        .store
        .all_member_channels(channel_mode.clone())
        .await?
        .into_iter()
        .collect();
    let mut existing: HashSet<Snowflake> = HashSet::new();
    let mut readable = true;
    for runtime in &owned {
        let config = &runtime.config;
        let listed = bot
            .rest
            .call(
                rest::GUILD_CHANNELS,
                BACKGROUND,
                GuildId::new(config.id.get()).channels(&*bot.http),
            )
            .await;
        let channels = match listed {
            Ok(channels) => channels,
            Err(err) => {
                tracing::warn!(%err, guild = %config.id, "cannot list the guild's channels; skipping reconciliation there");
                readable = false;
                continue;
            }
        };
        existing.extend(channels.keys().map(|id| snowflake(*id)));
        if config.mode != GuildMode::Channel {
            continue;
        }
        let categories: Vec<Snowflake> = config
            .request_category_id
            .iter()
            .chain(&config.overflow_category_ids)
            .copied()
            .collect();
        for (id, channel) in &channels {
            let in_category = channel
                .parent_id
                .is_some_and(|p| categories.contains(&snowflake(p)));
            let member = channel
                .name
                .strip_prefix("requests-")
                .filter(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|rest| rest.parse::<u64>().ok())
                .and_then(|n| Snowflake::new(n).ok());
            let Some(member) = member.filter(|_| in_category) else {
                continue;
            };
            let orphan = !known.contains(&snowflake(*id))
                && (pass == Pass::Startup || still_orphan(bot, config.id, member, *id).await);
            if orphan {
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
        }
    }
    if readable {
        // Only channel-mode guilds: DM channels are not guild channels.
        let sessions = bot.store.session_channels(channel_mode).await?;
        let remembered: HashSet<Snowflake> = known.into_iter().chain(sessions).collect();
        for channel in remembered.into_iter().filter(|c| !existing.contains(c)) {
            if let Ok(ended) = bot.store.channel_deleted(channel).await {
                done.forgotten_channels += 1;
                done.sessions_closed += ended.len();
            }
        }
    }
    Ok(done)
}

/// After a startup whose channel pass was skipped: tries again every `every` until one
/// pass runs (or `stop` fires), while members are being served.
pub async fn reconcile_channels_later(
    bot: std::sync::Arc<Bot>,
    every: std::time::Duration,
    stop: tokio_util::sync::CancellationToken,
) {
    loop {
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(every) => {}
        }
        match reconcile_channels(&bot, Pass::Serving).await {
            Ok(done) => {
                tracing::info!(
                    orphans_removed = done.orphan_channels_removed,
                    channels_forgotten = done.forgotten_channels,
                    sessions_closed = done.sessions_closed,
                    "reconciled the request channels (the startup pass was skipped)"
                );
                return;
            }
            Err(err) => {
                tracing::warn!(%err, "still cannot read the request channels the database knows; trying again later");
            }
        }
    }
}

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
