//! What craftdesk knows of members beyond one interaction: whether they still belong to
//! the guild (read fresh from Discord when the interaction did not say), whose DMs are
//! closed (remembered a while, so repeated clicks cost no refused calls), and how fast each
//! member clicks (a small token bucket, so one member cannot spend the bot's paced budget).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serenity::all::{GuildId, RoleId, UserId};
use tokio::time::Instant;

use super::bot::{discord_code, Bot};
use super::rest::{self, Lane};
use crate::domain::Snowflake;
use crate::pace::Priority;

/// Discord's codes for "Unknown Member" and "Unknown Guild" (the bot itself left).
const UNKNOWN_MEMBER: isize = 10_007;
const UNKNOWN_GUILD: isize = 10_004;

/// Where a member stands in a guild, as Discord says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// A member, with these roles.
    Member(Vec<RoleId>),
    /// Left, kicked or banned (or the guild is gone).
    Gone,
    /// Discord could not be asked (an error, a timeout): neither yes nor no.
    Unknown,
}

/// Reads `user`'s membership of `guild` from Discord: one paced call in the answer lane,
/// since a deferred answer waits on it (it overtakes members' queued messages).
pub async fn fetch_standing(bot: &Bot, guild: Snowflake, user: UserId) -> Standing {
    let member = bot
        .rest
        .call(
            rest::GET_MEMBER,
            Lane::Global(Priority::Answer),
            GuildId::new(guild.get()).member(&*bot.http, user),
        )
        .await;
    match member {
        Ok(member) => Standing::Member(member.roles),
        Err(err) if matches!(discord_code(&err), Some(UNKNOWN_MEMBER | UNKNOWN_GUILD)) => {
            Standing::Gone
        }
        Err(err) => {
            tracing::warn!(%err, "cannot read a member's standing in the guild");
            Standing::Unknown
        }
    }
}

/// How long "this member's DMs are closed" is remembered. A DM that gets through (the
/// member opened them again) forgets it at once.
pub const DMS_CLOSED_FOR: Duration = Duration::from_secs(10 * 60);

/// Members whose DMs refused the bot lately, by user (DM settings are per user and per
/// shared server; a refusal in one guild says enough to stop knocking for a while).
#[derive(Debug, Default)]
pub struct ClosedDms {
    since: Mutex<HashMap<UserId, Instant>>,
}

impl ClosedDms {
    /// Remembers that a DM to `user` was refused (Discord's 50007).
    pub fn refused(&self, user: UserId) {
        let mut since = self.since.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        since.retain(|_, at| now.duration_since(*at) < DMS_CLOSED_FOR);
        since.insert(user, now);
    }

    /// A DM to `user` got through: their DMs are open.
    pub fn delivered(&self, user: UserId) {
        self.since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&user);
    }

    /// Whether a DM to `user` was refused less than [`DMS_CLOSED_FOR`] ago.
    pub fn closed(&self, user: UserId) -> bool {
        let mut since = self.since.lock().unwrap_or_else(PoisonError::into_inner);
        match since.get(&user) {
            Some(at) if at.elapsed() < DMS_CLOSED_FOR => true,
            Some(_) => {
                since.remove(&user);
                false
            }
            None => false,
        }
    }
}

/// A token bucket per member on interactions: `burst` at once, then `per_second`.
#[derive(Debug)]
pub struct ClickThrottle {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<UserId, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Past this many members tracked, buckets that have refilled (idle members) are dropped.
const TRACKED_BEFORE_PRUNING: usize = 4_096;

impl ClickThrottle {
    #[must_use]
    pub fn new(per_second: u32, burst: u32) -> Self {
        Self {
            per_second: f64::from(per_second.max(1)),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token of `user`'s bucket; `false` when it is empty (they click too fast).
    pub fn allow(&self, user: UserId) -> bool {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= TRACKED_BEFORE_PRUNING {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(user).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refilled = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refilled).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_member_gets_the_burst_then_the_rate() {
        let throttle = ClickThrottle::new(2, 5);
        let (ann, bob) = (UserId::new(1), UserId::new(2));
        assert!((0..5).all(|_| throttle.allow(ann)));
        assert!(!throttle.allow(ann), "the sixth at once is refused");
        assert!(throttle.allow(bob), "others are not affected");
        tokio::time::advance(Duration::from_millis(500)).await;
        assert!(throttle.allow(ann), "one token back after half a second");
        assert!(!throttle.allow(ann));
    }

    #[tokio::test(start_paused = true)]
    async fn closed_dms_are_remembered_for_a_while_and_forgotten_on_delivery() {
        let dms = ClosedDms::default();
        let (ann, bob) = (UserId::new(1), UserId::new(2));
        dms.refused(ann);
        dms.refused(bob);
        assert!(dms.closed(ann) && dms.closed(bob));
        dms.delivered(bob);
        assert!(!dms.closed(bob));
        tokio::time::advance(DMS_CLOSED_FOR).await;
        assert!(!dms.closed(ann), "forgotten after {DMS_CLOSED_FOR:?}");
    }
}
