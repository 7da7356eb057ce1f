//! Picking up after a crash, at startup: steps a killed process did on Discord but never
//! recorded (or recorded but never did on Discord).
//!
//! - A flow whose message was never recorded: its message is looked for in its channel
//!   (by the session key in its buttons) and adopted; if there is none, the flow is closed,
//!   so it does not count against the member's open flows.
//! - A submitted request with no board message recorded: a board post with its number is
//!   adopted if there is one, else it is posted now.
//!
//! Both are bounded (recent items, one page of messages per channel) and paced as
//! background work.
//!
//! Alone, a process recovers at startup, before it connects: nothing else is at work then.
//! When processes share the database, the others are at work while one starts, so
//! recovery leaves alone what is younger than `SHARED_GRACE` and each item is claimed (see
//! `Bot::claim`) by whoever works on it: the live path holds the claim while it posts, and
//! recovery skips what is claimed. A process killed mid-work leaves its claims to run out;
//! every process then recovers again every cleanup interval (`run_periodically`), so that
//! work is picked up within seconds.

use std::collections::HashMap;
use std::time::Duration;

use serenity::all::{ActionRowComponent, ButtonKind, ChannelId, GetMessages, Message};

use super::board;
use super::bot::{snowflake, Bot};
use super::rest::{self, Lane};
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::pace::Priority;

const BACKGROUND: Lane = Lane::Global(Priority::Background);
/// Requests older than this are not looked at again (their post was seen long ago, or
/// the board refuses them for good).
const BOARD_LOOKBACK: Duration = Duration::from_secs(24 * 3_600);
/// At most this many missing board posts are restored per start.
const BOARD_RESTORE_LIMIT: usize = 200;

/// What recovery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Recovered {
    pub flow_messages_adopted: usize,
    pub flows_closed: usize,
    pub board_posts_adopted: usize,
    pub board_posts_restored: usize,
}

/// With processes sharing the database, work younger than this may be another's in
/// progress (between storing an item and claiming it) and is left alone.
const SHARED_GRACE: Duration = Duration::from_secs(5);

/// Runs both recoveries; errors are logged and skipped (the next run tries again).
pub async fn recover(bot: &Bot, now: Timestamp) -> Recovered {
    let before = if bot.shares_database() {
        now.saturating_sub(SHARED_GRACE)
    } else {
        now
    };
    let mut done = Recovered::default();
    adopt_flow_messages(bot, before, &mut done).await;
    restore_board_posts(bot, before, &mut done).await;
    done
}

/// With processes sharing the database: recovers every `interval` until `shutdown`.
pub async fn run_periodically(
    bot: std::sync::Arc<Bot>,
    interval: Duration,
    shutdown: tokio_util::sync::CancellationToken,
) {
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                let done = recover(&bot, Timestamp::now()).await;
                if done != Recovered::default() {
                    tracing::info!(?done, "recovered work a stopped process left");
                }
            }
            () = shutdown.cancelled() => break,
        }
    }
}

/// The claim on giving a flow its first message.
#[must_use]
pub fn flow_work(key: &SessionKey) -> String {
    format!("flow:{key}")
}

/// The last 100 messages of a channel, newest first (empty if it cannot be read).
async fn recent_messages(bot: &Bot, channel: Snowflake) -> Vec<Message> {
    let listed = bot
        .rest
        .call(
            rest::CHANNEL_MESSAGES,
            BACKGROUND,
            ChannelId::new(channel.get()).messages(&*bot.http, GetMessages::new().limit(100)),
        )
        .await;
    listed.unwrap_or_else(|err| {
        tracing::warn!(%err, %channel, "cannot read a channel's messages to recover");
        Vec::new()
    })
}

fn custom_ids(message: &Message) -> impl Iterator<Item = &str> {
    message
        .components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            ActionRowComponent::Button(button) => match &button.data {
                ButtonKind::NonLink { custom_id, .. } => Some(custom_id.as_str()),
                _ => None,
            },
            ActionRowComponent::SelectMenu(menu) => menu.custom_id.as_deref(),
            _ => None,
        })
}

async fn adopt_flow_messages(bot: &Bot, before: Timestamp, done: &mut Recovered) {
    let unposted = match bot.store.sessions_without_message(before).await {
        Ok(unposted) => unposted,
        Err(err) => return tracing::error!(%err, "cannot list flows without a message"),
    };
    let mut by_channel: HashMap<Snowflake, Vec<SessionKey>> = HashMap::new();
    for (key, channel) in unposted {
        by_channel.entry(channel).or_default().push(key);
    }
    for (channel, keys) in by_channel {
        let mut claimed = Vec::new();
        for key in keys {
            match bot.claim(flow_work(&key), Duration::ZERO).await {
                Ok(Some(claim)) if still_without_message(bot, &key).await => {
                    claimed.push((key, claim));
                }
                Ok(Some(claim)) => claim.release().await,
                // Another process is giving it its message now.
                Ok(None) => {}
                Err(err) => tracing::warn!(%err, %key, "cannot claim a flow to recover"),
            }
        }
        if claimed.is_empty() {
            continue;
        }
        let messages = recent_messages(bot, channel).await;
        let mut closed = Vec::new();
        for (key, _) in &claimed {
            let marker = format!(":{key}:");
            let found = messages
                .iter()
                .find(|m| custom_ids(m).any(|id| id.contains(&marker)));
            match found {
                Some(message) => {
                    let adopted = bot
                        .store
                        .set_session_message(key, channel, snowflake(message.id))
                        .await;
                    match adopted {
                        Ok(true) => done.flow_messages_adopted += 1,
                        Ok(false) => {}
                        Err(err) => tracing::warn!(%err, %key, "cannot adopt a flow message"),
                    }
                }
                None => closed.push(key.clone()),
            }
        }
        match bot.store.delete_sessions(&closed).await {
            Ok(n) => done.flows_closed += n,
            Err(err) => tracing::warn!(%err, %channel, "cannot close flows without a message"),
        }
        for (_, claim) in claimed {
            claim.release().await;
        }
    }
}

/// Whether the flow still has no message recorded, under its claim (another process
/// may have finished giving it one since it was listed). Alone, it was listed just now.
async fn still_without_message(bot: &Bot, key: &SessionKey) -> bool {
    if !bot.shares_database() {
        return true;
    }
    matches!(bot.store.session(key).await, Ok(Some(session)) if session.message_id.is_none())
}

/// "Request #12" in a board post's title → 12.
fn board_number(message: &Message) -> Option<u32> {
    message
        .embeds
        .first()?
        .title
        .as_deref()?
        .strip_prefix("Request #")?
        .parse()
        .ok()
}

async fn restore_board_posts(bot: &Bot, before: Timestamp, done: &mut Recovered) {
    let since = before.saturating_sub(BOARD_LOOKBACK);
    // Each process looks at the boards of the guilds on its shards (any process may post
    // to any board; this only spreads the looking).
    for runtime in bot.owned_guilds() {
        let Some(board) = runtime.config.board_channel_id else {
            continue;
        };
        let missing = match bot
            .store
            .requests_missing_from_board(runtime.config.id, since, BOARD_RESTORE_LIMIT)
            .await
        {
            Ok(mut missing) => {
                missing.retain(|request| request.created_at < before);
                missing
            }
            Err(err) => {
                tracing::error!(%err, "cannot list requests missing from the board");
                continue;
            }
        };
        if missing.is_empty() {
            continue;
        }
        // Posted but not recorded: the post is among the newest on the board.
        let posted: HashMap<u32, Snowflake> = recent_messages(bot, board)
            .await
            .iter()
            .filter_map(|m| Some((board_number(m)?, snowflake(m.id))))
            .collect();
        for request in missing {
            let claim = match bot.claim(board::board_work(&request), Duration::ZERO).await {
                Ok(Some(claim)) => claim,
                // Another process is posting it now.
                Ok(None) => continue,
                Err(err) => {
                    tracing::warn!(%err, "cannot claim a board post to recover");
                    continue;
                }
            };
            if board::posted_meanwhile(bot, &request).await {
                // Done by another process since it was listed.
            } else if let Some(message) = posted.get(&request.number) {
                match bot
                    .store
                    .set_board_message(request.id, board, *message)
                    .await
                {
                    Ok(()) => done.board_posts_adopted += 1,
                    Err(err) => tracing::warn!(%err, "cannot adopt a board post"),
                }
            } else {
                let screen = board::board_screen(&request, bot.guild_texts(request.guild_id));
                board::post(bot, board, &request, &screen).await;
                done.board_posts_restored += 1;
            }
            claim.release().await;
        }
    }
}
