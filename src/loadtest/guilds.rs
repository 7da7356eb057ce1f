//! `loadtest --guilds G --mode dm|channel`: the run's guilds, spread over the bot processes'
//! gateway shards, each set up as the sandbox's guild is.
//!
//! Discord sends a guild's interactions to shard `(guild_id >> 22) % shards` (the id's time
//! bits) and every DM's to shard 0, so only guilds in channel mode, on every shard, give each
//! bot process its share of the work. The emulator gives each new guild a millisecond of
//! its own, so guilds made one after another land on successive shards; a guild on a shard
//! that already has its share is left empty and unconfigured, and the next one is tried.

use anyhow::bail;
use discord_emulator::limits::{MAX_CHANNELS_PER_CATEGORY, MAX_CHANNELS_PER_GUILD};
use discord_emulator::{Emulator, Snowflake};

use crate::config::GuildMode;
use crate::sandbox::{set_up_guild, World};

/// Members per guild in channel mode, each with a request channel of their own: Discord
/// allows 500 channels per guild, categories included (at 450 members: 9 request
/// categories, the panel, board and log channels, and room for a few more).
pub const MAX_CHANNEL_MODE_MEMBERS_PER_GUILD: usize = 450;

/// Refuses a run whose guilds could not hold every member's request channel.
pub fn check_room(members: usize, guilds: usize, mode: GuildMode) -> anyhow::Result<()> {
    if guilds == 0 {
        bail!("--guilds must be at least 1");
    }
    let per_guild = members.div_ceil(guilds);
    if mode == GuildMode::Channel && per_guild > MAX_CHANNEL_MODE_MEMBERS_PER_GUILD {
        bail!(
            "{members} members over {guilds} guild(s) is {per_guild} request channels per guild in channel mode; \
             Discord allows {MAX_CHANNELS_PER_GUILD} channels per guild, so give at most \
             {MAX_CHANNEL_MODE_MEMBERS_PER_GUILD} members per guild (--guilds {} or more), or --mode dm",
            members.div_ceil(MAX_CHANNEL_MODE_MEMBERS_PER_GUILD)
        );
    }
    Ok(())
}

/// The request categories a guild needs for `members` request channels (one at least).
#[must_use]
pub fn categories_for(members: usize) -> usize {
    members.div_ceil(MAX_CHANNELS_PER_CATEGORY).max(1)
}

/// The gateway shard of a guild, of `shards`.
#[must_use]
pub fn shard_of(guild: Snowflake, shards: usize) -> usize {
    let shards = u64::try_from(shards.max(1)).unwrap_or(u64::MAX);
    usize::try_from((guild >> 22) % shards).unwrap_or(0)
}

/// How many guilds each shard still takes, so that `wanted` guilds end up over the shards as
/// evenly as they can: every shard gets `wanted / shards`, and `wanted % shards` of them
/// (whichever fill up first) one more.
#[derive(Debug, Clone)]
pub struct ShardQuota {
    wanted: usize,
    taken: Vec<usize>,
}

impl ShardQuota {
    #[must_use]
    pub fn new(wanted: usize, shards: usize) -> Self {
        Self {
            wanted,
            taken: vec![0; shards.max(1)],
        }
    }

    /// Whether a guild on `shard` is wanted; counts it if so.
    pub fn take(&mut self, shard: usize) -> bool {
        let shards = self.taken.len();
        let (even, extra) = (self.wanted / shards, self.wanted % shards);
        let above_even = self.taken.iter().filter(|&&n| n > even).count();
        let Some(taken) = self.taken.get_mut(shard) else {
            return false;
        };
        let wanted = *taken < even || (*taken == even && above_even < extra);
        if wanted {
            *taken += 1;
        }
        wanted
    }

    #[must_use]
    pub fn is_full(&self) -> bool {
        self.taken.iter().sum::<usize>() == self.wanted
    }

    /// Guilds taken per shard.
    #[must_use]
    pub fn taken(&self) -> &[usize] {
        &self.taken
    }
}

/// Creates `count` guilds spread over `shards` shards (see [`ShardQuota`]), each set up with
/// request categories for `members_per_guild` channels in channel mode.
pub async fn build_guilds(
    emu: &Emulator,
    count: usize,
    shards: usize,
    members_per_guild: usize,
    mode: GuildMode,
) -> anyhow::Result<Vec<World>> {
    let categories = match mode {
        GuildMode::Channel => categories_for(members_per_guild),
        GuildMode::Dm => 1,
    };
    let mut quota = ShardQuota::new(count, shards);
    let mut guilds = Vec::with_capacity(count);
    // Successive guilds nearly always land on successive shards; the bound only stops a
    // clock that jumps by multiples of the shard count from looping for ever.
    let attempts = 16 + 8 * count * shards.max(1);
    for n in 0..attempts {
        if quota.is_full() {
            break;
        }
        let guild = emu.create_guild(&format!("Loadtest Guild {n}")).await;
        if quota.take(shard_of(guild, shards)) {
            guilds.push(set_up_guild(emu, guild, categories).await);
        }
    }
    if !quota.is_full() {
        bail!(
            "could not spread {count} guilds over {shards} shards in {attempts} tries (got {:?} per shard)",
            quota.taken()
        );
    }
    Ok(guilds)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Offers guilds on the shards `offered` names, in order, until the quota is full.
    fn spread(
        wanted: usize,
        shards: usize,
        offered: impl IntoIterator<Item = usize>,
    ) -> Vec<usize> {
        let mut quota = ShardQuota::new(wanted, shards);
        for shard in offered {
            if quota.is_full() {
                break;
            }
            quota.take(shard);
        }
        assert!(
            quota.is_full(),
            "{wanted} over {shards}: {:?}",
            quota.taken()
        );
        quota.taken().to_vec()
    }

    #[test]
    fn guilds_cover_every_shard_as_evenly_as_they_can() {
        // Shards in turn, as successive guild ids give them.
        assert_eq!(spread(4, 2, (0..).map(|n| n % 2)), [2, 2]);
        assert_eq!(spread(5, 2, (0..).map(|n| n % 2)), [3, 2]);
        assert_eq!(spread(1, 2, [1]), [0, 1]);
        assert_eq!(spread(3, 1, [0, 0, 0]), [3]);
        // Shards out of turn: an over-full shard's guilds are skipped.
        assert_eq!(spread(4, 2, [0, 0, 0, 0, 0, 1, 0, 1]), [2, 2]);
        assert_eq!(spread(5, 3, [2, 2, 2, 2, 0, 0, 0, 1, 1]), [2, 1, 2]);
        assert_eq!(spread(2, 4, [3, 3, 1]), [0, 1, 0, 1]);
        // Any order of offers ends even.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let offers = std::iter::from_fn(move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Some(usize::try_from(x % 3).expect("below 3"))
        });
        let taken = spread(8, 3, offers.take(1_000));
        assert_eq!(taken.iter().sum::<usize>(), 8);
        let (most, fewest) = (taken.iter().max(), taken.iter().min());
        assert!(
            most.zip(fewest)
                .is_some_and(|(most, fewest)| most - fewest <= 1),
            "{taken:?}"
        );
    }

    #[test]
    fn a_full_quota_takes_nothing_more() {
        let mut quota = ShardQuota::new(2, 2);
        assert!(quota.take(0));
        assert!(!quota.take(0), "shard 0 has its share");
        assert!(!quota.take(7), "no such shard");
        assert!(quota.take(1));
        assert!(quota.is_full());
        assert!(!quota.take(1));
    }

    #[test]
    fn a_guilds_shard_is_its_ids_time_bits_modulo_the_shard_count() {
        assert_eq!(shard_of(5 << 22, 2), 1);
        assert_eq!(shard_of((6 << 22) + 12_345, 4), 2);
        assert_eq!(shard_of(123 << 22, 1), 0);
        assert_eq!(shard_of(123 << 22, 0), 0);
    }

    #[test]
    fn channel_mode_refuses_more_request_channels_than_a_guild_holds() {
        assert!(check_room(1_000, 4, GuildMode::Channel).is_ok());
        assert!(check_room(900, 2, GuildMode::Channel).is_ok());
        let refused = check_room(1_000, 2, GuildMode::Channel)
            .expect_err("1,000 members do not fit in 2 guilds' channels")
            .to_string();
        assert!(refused.contains("500 channels per guild"), "{refused}");
        assert!(refused.contains("--guilds 3"), "{refused}");
        assert!(
            check_room(1_000, 1, GuildMode::Dm).is_ok(),
            "DMs need no channels"
        );
        assert!(check_room(10, 0, GuildMode::Dm).is_err());
    }

    #[test]
    fn request_channels_fill_categories_of_50() {
        assert_eq!(categories_for(0), 1);
        assert_eq!(categories_for(50), 1);
        assert_eq!(categories_for(51), 2);
        assert_eq!(categories_for(450), 9);
    }
}
