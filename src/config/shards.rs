//! `[discord] shards` and `total_shards`: which gateway shards this process runs, when the
//! bot is split across processes. Discord sends a guild's events to shard
//! `(guild_id >> 22) % total_shards`, and DMs' to shard 0; every process can serve any
//! interaction (all state is in the shared database), but work tied to a guild's gateway
//! events (its panel, startup reconciliation) belongs to the process running its shard.

use crate::domain::Snowflake;

/// Shards `first..end` (end excluded) of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub end: u32,
    pub total: u32,
}

/// Discord's shard counts stay far below this; it bounds what a typo can ask for.
const MAX_SHARDS: u32 = 4_096;

impl ShardRange {
    /// Every shard of a bot that runs `total` of them in one process.
    #[must_use]
    pub fn all(total: u32) -> Self {
        Self {
            first: 0,
            end: total.max(1),
            total: total.max(1),
        }
    }

    /// Parses `"first..end"` (end excluded, as in Rust) against `total`.
    pub fn parse(text: &str, total: u32) -> Result<Self, String> {
        let explain = || {
            format!(
                "discord.shards must look like \"0..2\" (shards 0 and 1; the end is excluded), got {text:?}"
            )
        };
        if total == 0 || total > MAX_SHARDS {
            return Err(format!(
                "discord.total_shards must be between 1 and {MAX_SHARDS}, got {total}"
            ));
        }
        let (first, end) = text.trim().split_once("..").ok_or_else(explain)?;
        let first: u32 = first.trim().parse().map_err(|_| explain())?;
        let end: u32 = end.trim().parse().map_err(|_| explain())?;
        if first >= end {
            return Err(format!(
                "discord.shards {text:?} holds no shard: the end is excluded, so \"{first}..{}\" runs shard {first}",
                first + 1
            ));
        }
        if end > total {
            return Err(format!(
                "discord.shards {text:?} goes past discord.total_shards = {total} (shards are numbered 0 to {})",
                total - 1
            ));
        }
        Ok(Self { first, end, total })
    }

    /// The shard Discord sends `guild`'s events to.
    #[must_use]
    pub fn shard_of(&self, guild: Snowflake) -> u32 {
        u32::try_from((guild.get() >> 22) % u64::from(self.total)).unwrap_or(0)
    }

    /// Whether this is every shard (one process runs them all).
    #[must_use]
    pub fn covers_all(&self) -> bool {
        self.first == 0 && self.end == self.total
    }

    /// Whether this process runs the shard of `guild`.
    #[must_use]
    pub fn owns_guild(&self, guild: Snowflake) -> bool {
        (self.first..self.end).contains(&self.shard_of(guild))
    }

    /// Whether this process runs shard 0, which receives DMs' events.
    #[must_use]
    pub fn runs_dms(&self) -> bool {
        self.first == 0
    }

    /// How many shards this process runs.
    #[must_use]
    pub fn count(&self) -> u32 {
        self.end - self.first
    }

    /// This process's share of the bot's REST budget. Discord's global limit (50 calls/s) is
    /// per bot, not per process, so each process takes `per_second × shards it runs ÷
    /// total_shards`, and the burst likewise (rounded down, at least 1): processes that
    /// together run every shard once never exceed `per_second + burst` in any second (the
    /// bursts' floor of 1 aside, with more processes than burst).
    #[must_use]
    pub fn share_of(&self, per_second: u32, burst: u32) -> RequestBudget {
        let share = f64::from(self.count()) / f64::from(self.total.max(1));
        let burst = u32::try_from(
            u64::from(burst) * u64::from(self.count()) / u64::from(self.total.max(1)),
        )
        .unwrap_or(burst);
        RequestBudget {
            per_second: f64::from(per_second) * share,
            burst: burst.max(1),
        }
    }
}

/// The REST calls per second (after a burst) one process allows itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RequestBudget {
    pub per_second: f64,
    pub burst: u32,
}

impl std::fmt::Display for ShardRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "shards {}..{} of {}", self.first, self.end, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_with_the_end_excluded_and_bad_ones_say_why() {
        assert_eq!(
            ShardRange::parse(" 2..4 ", 4),
            Ok(ShardRange {
                first: 2,
                end: 4,
                total: 4
            })
        );
        for (text, total, why) in [
            ("0..0", 4, "holds no shard"),
            ("3..2", 4, "holds no shard"),
            ("0..5", 4, "goes past"),
            ("0-2", 4, "must look like"),
            ("a..2", 4, "must look like"),
            ("0..1", 0, "total_shards"),
        ] {
            let err = ShardRange::parse(text, total).expect_err(text);
            assert!(err.contains(why), "{text}: {err}");
        }
    }

    #[test]
    fn guilds_belong_to_the_shard_discord_sends_them_to() {
        let low = ShardRange::parse("0..2", 4).expect("range");
        let high = ShardRange::parse("2..4", 4).expect("range");
        for shard in 0..4u64 {
            let guild = Snowflake::new((shard << 22) | 7).expect("id");
            assert_eq!(low.shard_of(guild), u32::try_from(shard).expect("small"));
            assert_ne!(
                low.owns_guild(guild),
                high.owns_guild(guild),
                "exactly one owns it"
            );
        }
        assert!(low.runs_dms() && !high.runs_dms());
        assert!(ShardRange::all(1).owns_guild(Snowflake::new(1 << 40).expect("id")));
    }

    #[test]
    fn processes_split_the_bot_s_request_budget_by_their_share_of_the_shards() {
        let budget = |range: &str, total| {
            ShardRange::parse(range, total)
                .expect("range")
                .share_of(40, 5)
        };
        // One process with every shard keeps the whole budget.
        assert_eq!(
            ShardRange::all(4).share_of(40, 5),
            RequestBudget {
                per_second: 40.0,
                burst: 5
            }
        );
        // Two processes of two shards each: half each, so together no more than one.
        let (low, high) = (budget("0..2", 4), budget("2..4", 4));
        assert!((low.per_second + high.per_second - 40.0).abs() < 1e-9);
        assert_eq!((low.burst, high.burst), (2, 2));
        // Uneven shares: one shard of four, three of four.
        let (one, three) = (budget("0..1", 4), budget("1..4", 4));
        assert!((one.per_second - 10.0).abs() < 1e-9);
        assert!((three.per_second - 30.0).abs() < 1e-9);
        assert_eq!((one.burst, three.burst), (1, 3));
        // Eight processes of one shard each: the rates still sum to 40, each burst is 1.
        let mut sum = 0.0;
        for shard in 0..8 {
            let share = budget(&format!("{shard}..{}", shard + 1), 8);
            assert_eq!(share.burst, 1);
            sum += share.per_second;
        }
        assert!((sum - 40.0).abs() < 1e-9, "{sum}");
    }
}
