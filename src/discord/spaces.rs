//! Where a member's flows run: their private `requests-<userId>` channel (created once,
//! under the request category or an overflow category, paced per guild) or their DMs.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serenity::all::{
    ChannelId, ChannelType, CreateChannel, EditChannel, GuildId, Message, PermissionOverwrite,
    PermissionOverwriteType, Permissions, RoleId, UserId,
};

use super::bot::{discord_code, snowflake, Bot};
use super::guilds::GuildRuntime;
use super::render;
use super::rest::{self, Lane};
use crate::config::GuildMode;
use crate::domain::{Snowflake, Timestamp};
use crate::flow::refusal::Refusal;
use crate::flow::ui::Screen;
use crate::pace::Priority;
use crate::store::StoreError;

/// Discord's codes for "this channel/category is full".
const MAX_CHANNELS: isize = 30_013;
const INVALID_FORM: isize = 50_035;
/// Discord's code for "Cannot send messages to this user".
pub const DM_BLOCKED: isize = 50_007;
/// Discord's code for "Unknown Channel".
pub const UNKNOWN_CHANNEL: isize = 10_003;

#[derive(Debug, thiserror::Error)]
pub enum SpaceError {
    #[error("every request category is full")]
    Full,
    #[error("the member blocks DMs from this server")]
    DmBlocked,
    #[error("another process is still creating the member's channel")]
    Busy,
    #[error("the guild has no request category configured")]
    NoCategory,
    #[error("Discord refused: {0}")]
    Discord(#[from] serenity::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SpaceError {
    /// What the member is told.
    #[must_use]
    pub fn refusal(&self) -> Refusal {
        match self {
            Self::Full => Refusal::SpacesFull,
            Self::DmBlocked => Refusal::DmsClosed,
            Self::Busy => Refusal::SpaceBusy,
            Self::NoCategory => Refusal::NoRequestCategory,
            Self::Discord(_) | Self::Store(_) => Refusal::TryAgain,
        }
    }
}

/// The canonical name of a member's request channel: by id, never by name.
#[must_use]
pub fn request_channel_name(user: Snowflake) -> String {
    format!("requests-{user}")
}

/// The channel a member's flow runs in, created if needed (once, even when two commands
/// race, in this process or in several sharing the database: creation is serialised per
/// member).
pub async fn member_space(
    bot: &Bot,
    guild: &GuildRuntime,
    user: UserId,
) -> Result<ChannelId, SpaceError> {
    match guild.config.mode {
        GuildMode::Dm => match bot.store.dm_home(guild.config.id, snowflake(user)).await? {
            // The DM channel of a user never changes: reuse the one we know.
            Some((channel, _)) => Ok(ChannelId::new(channel.get())),
            None => Ok(bot
                .rest
                .call(
                    rest::CREATE_DM,
                    Lane::Global(Priority::Urgent),
                    user.create_dm_channel(&*bot.http),
                )
                .await?
                .id),
        },
        GuildMode::Channel => {
            // In this process: one task at a time per member.
            let lock = bot.creation_lock(guild.config.id, snowflake(user));
            let _held = lock.lock().await;
            let known = || bot.store.member_channel(guild.config.id, snowflake(user));
            if let Some(channel) = known().await? {
                return Ok(ChannelId::new(channel.get()));
            }
            // Across processes sharing the database: one at a time per member, under a
            // lease; whoever waited finds the channel made by the one before. A lease last
            // held by another process may be one that died half way.
            let name = space_lease(guild.config.id, snowflake(user));
            let after_another = bot
                .store
                .lease_holder(name.clone())
                .await?
                .is_some_and(|(other, _)| other != bot.holder);
            let lease = bot
                .store
                .wait_for_lease(name, bot.holder.clone(), SPACE_LEASE_TTL, SPACE_LEASE_WAIT)
                .await?
                .ok_or(SpaceError::Busy)?;
            let made = match known().await {
                Ok(Some(channel)) => Ok(ChannelId::new(channel.get())),
                Ok(None) => make_or_adopt(bot, guild, user, after_another).await,
                Err(err) => Err(err.into()),
            };
            if let Err(err) = lease.release().await {
                tracing::warn!(%err, "cannot release a channel-creation lease; it will run out");
            }
            made
        }
    }
}

/// Creates the member's request channel and stores it; or, if a holder of the creation
/// lease before us (`after_another`) died between creating the channel and storing it,
/// adopts that channel rather than make a second.
async fn make_or_adopt(
    bot: &Bot,
    guild: &GuildRuntime,
    user: UserId,
    after_another: bool,
) -> Result<ChannelId, SpaceError> {
    let left_behind = if after_another {
        find_request_channel(bot, guild, user).await?
    } else {
        None
    };
    let channel = match left_behind {
        Some(channel) => channel,
        None => create_request_channel(bot, guild, user).await?,
    };
    bot.store
        .set_member_channel(
            guild.config.id,
            snowflake(user),
            snowflake(channel),
            Timestamp::now(),
        )
        .await?;
    Ok(channel)
}

/// How long a process may hold a member's channel-creation lease without renewing it (it
/// renews every third of that while it works): a process that dies holding it delays that
/// member's next `/request` by at most this.
pub(super) const SPACE_LEASE_TTL: Duration = Duration::from_secs(10);
/// How long a `/request` waits for another process creating the same member's channel.
const SPACE_LEASE_WAIT: Duration = Duration::from_secs(20);

/// The lease that serialises creating `user`'s request channel in `guild`.
#[must_use]
pub fn space_lease(guild: Snowflake, user: Snowflake) -> String {
    format!("space:{guild}:{user}")
}

/// The member's request channel in one of the guild's request categories, if Discord has
/// one (by its canonical name). Its name is no proof it is ours (anyone with Manage
/// Channels can make one): its permission overwrites are set back to the ones craftdesk
/// gives a request channel before it is used, and a channel whose overwrites cannot be
/// set is left alone (a new one is made).
async fn find_request_channel(
    bot: &Bot,
    guild: &GuildRuntime,
    user: UserId,
) -> Result<Option<ChannelId>, SpaceError> {
    let config = &guild.config;
    let channels = bot
        .rest
        .call(
            rest::GUILD_CHANNELS,
            Lane::Global(Priority::Urgent),
            GuildId::new(config.id.get()).channels(&*bot.http),
        )
        .await?;
    let name = request_channel_name(snowflake(user));
    let Some(found) = channels.into_values().find(|c| {
        c.name == name
            && c.parent_id.is_some_and(|p| {
                let p = snowflake(p);
                config.request_category_id == Some(p) || config.overflow_category_ids.contains(&p)
            })
    }) else {
        return Ok(None);
    };
    let expected = request_channel_overwrites(config.id, user, bot_user(bot).await?);
    if same_overwrites(&found.permission_overwrites, &expected) {
        tracing::info!(channel = %found.id, "adopted a request channel a process left behind");
        return Ok(Some(found.id));
    }
    let reset = bot
        .rest
        .call(
            rest::EDIT_CHANNEL,
            Lane::Global(Priority::Urgent),
            found
                .id
                .edit(&*bot.http, EditChannel::new().permissions(expected)),
        )
        .await;
    match reset {
        Ok(_) => {
            tracing::warn!(channel = %found.id, "adopted a request channel whose permission overwrites were not craftdesk's; they are reset");
            Ok(Some(found.id))
        }
        Err(err) => {
            tracing::warn!(%err, channel = %found.id, "a request channel's permission overwrites are not craftdesk's and cannot be reset; making a new channel");
            Ok(None)
        }
    }
}

/// The bot's own user id (known once connected; asked for otherwise).
async fn bot_user(bot: &Bot) -> Result<UserId, SpaceError> {
    if let Some(id) = bot.bot_user.get() {
        return Ok(*id);
    }
    Ok(bot
        .rest
        .call(
            rest::CURRENT_USER,
            Lane::Global(Priority::Urgent),
            bot.http.get_current_user(),
        )
        .await?
        .id)
}

/// The permission overwrites of a member's request channel: `@everyone` (the role with
/// the guild's id) may not see it; the member may see it, write and read its history; the
/// bot may do that and manage it.
#[must_use]
pub fn request_channel_overwrites(
    guild: Snowflake,
    user: UserId,
    bot_user: UserId,
) -> Vec<PermissionOverwrite> {
    let member_allow =
        Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES | Permissions::READ_MESSAGE_HISTORY;
    vec![
        PermissionOverwrite {
            allow: Permissions::empty(),
            deny: Permissions::VIEW_CHANNEL,
            kind: PermissionOverwriteType::Role(RoleId::new(guild.get())),
        },
        PermissionOverwrite {
            allow: member_allow,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Member(user),
        },
        PermissionOverwrite {
            allow: member_allow
                | Permissions::MANAGE_CHANNELS
                | Permissions::EMBED_LINKS
                | Permissions::MANAGE_MESSAGES,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Member(bot_user),
        },
    ]
}

/// Whether two lists of overwrites grant and deny the same, in any order.
#[must_use]
pub fn same_overwrites(actual: &[PermissionOverwrite], expected: &[PermissionOverwrite]) -> bool {
    actual.len() == expected.len() && expected.iter().all(|o| actual.contains(o))
}

async fn create_request_channel(
    bot: &Bot,
    guild: &GuildRuntime,
    user: UserId,
) -> Result<ChannelId, SpaceError> {
    let config = &guild.config;
    let guild_id = GuildId::new(config.id.get());
    let categories = config.request_categories();
    if categories.is_empty() {
        return Err(SpaceError::NoCategory);
    }
    let overwrites = request_channel_overwrites(config.id, user, bot_user(bot).await?);
    // Shared (officers see it too): in the guild's language.
    let topic = crate::t!(
        bot.guild_texts(config.id),
        "request-channel-topic",
        user = snowflake(user)
    );
    // The category is chosen when the paced call may go, not when it is queued: in a
    // burst, creations queued for a category that another one then found full go to the
    // next one at once, instead of each being refused once (issue 15: 1.46 creations a
    // flow where 0.83 were needed).
    let chosen = std::sync::Mutex::new(None);
    for _ in 0..categories.len() {
        if categories.iter().all(|c| found_full_lately(bot, *c)) {
            break;
        }
        let created = bot
            .rest
            .with_retry(
                rest::CREATE_CHANNEL,
                Lane::ChannelOp(config.id, Priority::Urgent),
                || async {
                    let category = categories
                        .iter()
                        .copied()
                        .find(|c| !found_full_lately(bot, *c));
                    *chosen
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = category;
                    let Some(category) = category else {
                        return Ok(None);
                    };
                    let builder =
                        request_channel_builder(category, user, &topic, overwrites.clone());
                    guild_id.create_channel(&*bot.http, builder).await.map(Some)
                },
            )
            .await;
        let category = *chosen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match created {
            Ok(Some(channel)) => return Ok(channel.id),
            // Every category filled while the call waited for its turn.
            Ok(None) => break,
            Err(err) if matches!(discord_code(&err), Some(MAX_CHANNELS | INVALID_FORM)) => {
                if let Some(category) = category {
                    tracing::info!(%category, "request category is full; trying the next");
                    lock_full(bot).insert(category, Instant::now());
                }
            }
            Err(err) => return Err(err.into()),
        }
    }
    Err(SpaceError::Full)
}

/// A member's request channel in `category`, with its `topic`.
fn request_channel_builder(
    category: Snowflake,
    user: UserId,
    topic: &str,
    overwrites: Vec<PermissionOverwrite>,
) -> CreateChannel<'static> {
    CreateChannel::new(request_channel_name(snowflake(user)))
        .kind(ChannelType::Text)
        .category(ChannelId::new(category.get()))
        .topic(topic.to_owned())
        .permissions(overwrites)
}

/// A category Discord refused a channel in is not tried again for this long (each try
/// would be refused and spend a paced channel call); by then channels may have been
/// deleted.
const FULL_FOR: Duration = Duration::from_secs(60);

fn lock_full(bot: &Bot) -> std::sync::MutexGuard<'_, HashMap<Snowflake, Instant>> {
    bot.full_categories
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether Discord refused a channel in `category` less than `FULL_FOR` ago.
fn found_full_lately(bot: &Bot, category: Snowflake) -> bool {
    let mut full = lock_full(bot);
    match full.get(&category) {
        Some(since) if since.elapsed() < FULL_FOR => true,
        Some(_) => {
            full.remove(&category);
            false
        }
        None => false,
    }
}

/// Posts a flow's message into the member's space.
pub async fn post(bot: &Bot, channel: ChannelId, screen: &Screen) -> Result<Message, SpaceError> {
    let sent = bot
        .rest
        .with_retry(rest::CREATE_MESSAGE, Lane::Global(Priority::Urgent), || {
            channel.send_message(&*bot.http, render::message(screen))
        })
        .await;
    sent.map_err(|err| match discord_code(&err) {
        Some(DM_BLOCKED) => SpaceError::DmBlocked,
        _ => SpaceError::Discord(err),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (Snowflake, UserId, UserId) {
        (
            Snowflake::from_discord(10),
            UserId::new(20),
            UserId::new(30),
        )
    }

    #[test]
    fn a_request_channel_is_hidden_from_everyone_but_the_member_and_the_bot() {
        let (guild, user, bot) = ids();
        let overwrites = request_channel_overwrites(guild, user, bot);
        let everyone = overwrites
            .iter()
            .find(|o| o.kind == PermissionOverwriteType::Role(RoleId::new(10)))
            .expect("@everyone");
        assert!(everyone.deny.contains(Permissions::VIEW_CHANNEL));
        for who in [user, bot] {
            let own = overwrites
                .iter()
                .find(|o| o.kind == PermissionOverwriteType::Member(who))
                .expect("an overwrite");
            assert!(own.allow.contains(Permissions::VIEW_CHANNEL));
        }
        assert_eq!(overwrites.len(), 3);
    }

    #[test]
    fn overwrites_compare_in_any_order_and_to_the_bit() {
        let (guild, user, bot) = ids();
        let expected = request_channel_overwrites(guild, user, bot);
        let mut reordered = expected.clone();
        reordered.reverse();
        assert!(same_overwrites(&reordered, &expected));
        assert!(!same_overwrites(&[], &expected), "a public channel");
        let mut everyone_sees = expected.clone();
        everyone_sees[0].deny = Permissions::empty();
        assert!(!same_overwrites(&everyone_sees, &expected));
        let mut one_more = expected.clone();
        one_more.push(PermissionOverwrite {
            allow: Permissions::VIEW_CHANNEL,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Member(UserId::new(40)),
        });
        assert!(
            !same_overwrites(&one_more, &expected),
            "someone else let in"
        );
    }
}
