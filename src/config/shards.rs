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
}
