//! The command line: `craftdesk run | check-config | migrate | backup | sandbox | loadtest |
//! import-legacy | migrate-store`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{DatabaseUrl, GuildMode};
use crate::domain::Snowflake;

/// craftdesk: guild request flows on Discord.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Connect to Discord and serve the configured guilds until SIGINT/SIGTERM.
    Run(ConfigArg),
    /// Validate the configuration and print it with defaults filled in (token redacted);
    /// exits 1 listing every problem.
    CheckConfig(ConfigArg),
    /// Apply pending database migrations and print the schema version.
    Migrate(ConfigArg),
    /// Take an online backup of the database now (safe while craftdesk runs) into
    /// `[backup] dir`, prune to `[backup] keep`, and print its path and size.
    Backup(ConfigArg),
    /// Run the real bot against the built-in Discord emulator with scripted members (no
    /// token, no network) and print what happened.
    Sandbox(SandboxArgs),
    /// Load-test the real bot (run as a child process) against the emulator with N scripted
    /// members doing full flows at once, then crafters claiming and completing; loopback
    /// only, bounded in count and time.
    Loadtest(LoadtestArgs),
    /// Import the Profession-Request bot's characters, requests and action logs from its
    /// SQLite file into a configured guild. Safe to run again: nothing is imported twice.
    ImportLegacy(ImportLegacyArgs),
    /// Copy everything in a SQLite database into a PostgreSQL one (migrating it first),
    /// all or nothing, then check every table's count. Safe to run again: nothing is
    /// copied twice. Stop craftdesk first.
    MigrateStore(MigrateStoreArgs),
}

#[derive(Debug, clap::Args)]
pub struct MigrateStoreArgs {
    /// The SQLite database to copy, as `sqlite:PATH`; opened read-only.
    #[arg(long, value_name = "sqlite:PATH", value_parser = parse_sqlite_source)]
    pub from: PathBuf,
    /// The PostgreSQL database to copy into (`postgres://USER:PASSWORD@HOST:PORT/DB`);
    /// defaults to `CRAFTDESK__DATABASE__URL`, which keeps the password off the command line.
    #[arg(long, value_name = "postgres://…", env = "CRAFTDESK__DATABASE__URL", hide_env_values = true, value_parser = parse_postgres_target)]
    pub to: DatabaseUrl,
}

fn parse_sqlite_source(text: &str) -> Result<PathBuf, String> {
    match text.strip_prefix("sqlite:") {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => {
            Err("give the SQLite database as sqlite:PATH, e.g. sqlite:craftdesk.sqlite".to_owned())
        }
    }
}

fn parse_postgres_target(text: &str) -> Result<DatabaseUrl, String> {
    DatabaseUrl::parse(text).map_err(|problem| format!("the destination {problem}"))
}

#[derive(Debug, clap::Args)]
pub struct ImportLegacyArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// The Profession-Request bot's database (its data/guild-requests.sqlite); opened
    /// read-only.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// The Discord id of the guild to import into; it must be configured.
    #[arg(long, value_name = "ID")]
    pub guild: Snowflake,
}

#[derive(Debug, clap::Args)]
pub struct LoadtestArgs {
    /// Scripted members doing flows at once (every fifth runs two).
    #[arg(long, default_value_t = 1_000)]
    pub members: usize,
    /// Requests crafters claim and complete afterwards.
    #[arg(long, default_value_t = 100)]
    pub claims: usize,
    /// Inject 429s, 5xx and latency into Discord's answers.
    #[arg(long)]
    pub faults: bool,
    /// Each member's pause between clicks in ms, jittered ±50 % (0: click at once, which
    /// measures throughput rather than answer times).
    #[arg(long, default_value_t = 0)]
    pub think_ms: u64,
    /// Idle sessions stored in the database before the bot starts.
    #[arg(long, default_value_t = 0)]
    pub stored_sessions: usize,
    /// Keep the bot's default pace (40 calls/s): what members feel on Discord. Without it
    /// the pace is lifted, to measure the bot alone.
    #[arg(long)]
    pub default_pace: bool,
    /// Discord's round trip in ms, emulated on every REST call (e.g. 100).
    #[arg(long, default_value_t = 0)]
    pub rest_latency_ms: u64,
    /// On top of it, ms a channel creation takes (e.g. 600, for 700 in all).
    #[arg(long, default_value_t = 0)]
    pub channel_latency_ms: u64,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 300)]
    pub time_limit: u64,
    /// Also write the report as JSON to this file.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// Also write one HTML page of the guild as members saw it (the first 100 channels and
    /// DMs, the newest 200 messages of each).
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// Run the bot on PostgreSQL: a server where this user may create databases (the run
    /// creates one of its own and drops it afterwards). Default: SQLite in a temp dir.
    #[arg(long, value_name = "postgres://…", value_parser = parse_postgres_target)]
    pub database_url: Option<DatabaseUrl>,
    /// Instead of the flow burst: start the bot on SESSIONS expired flows and CHANNELS idle
    /// request channels (e.g. 10000:500) and measure the cleanup sweep, at the bot's real
    /// pace, while --hot-members members keep doing flows.
    #[arg(long, value_name = "SESSIONS:CHANNELS", value_parser = parse_sweep)]
    pub sweep: Option<(usize, usize)>,
    /// Instead of the flow burst: start the bot (at its default pace) on this many guilds
    /// set up in the database and measure its startup and a restart (READY, first answer,
    /// every guild reconciled, REST calls, memory per guild).
    #[arg(long, value_name = "N")]
    pub startup_guilds: Option<usize>,
    /// With --startup-guilds: GET /gateway/bot's `max_concurrency` (shards identifying together).
    #[arg(long, default_value_t = 1)]
    pub max_concurrency: u32,
    /// Members doing flows during --sweep.
    #[arg(long, default_value_t = 20)]
    pub hot_members: usize,
    /// Bot processes, each running one gateway shard of that many (needs --database-url).
    #[arg(long, default_value_t = 1)]
    pub processes: usize,
    /// Guilds the members join in turn; with --processes above 1 they are spread evenly
    /// over the shards.
    #[arg(long, default_value_t = 1)]
    pub guilds: usize,
    /// Where flows run: `dm` (members' DMs, which Discord sends to shard 0 whatever the
    /// guild) or `channel` (a request channel per member, on its guild's shard; at most 450
    /// members per guild).
    #[arg(long, default_value = "dm", value_name = "dm|channel", value_parser = parse_guild_mode)]
    pub mode: GuildMode,
}

fn parse_guild_mode(text: &str) -> Result<GuildMode, String> {
    match text {
        "dm" => Ok(GuildMode::Dm),
        "channel" => Ok(GuildMode::Channel),
        _ => Err(format!("{text:?} is not a mode: give dm or channel")),
    }
}

#[derive(Debug, clap::Args)]
pub struct SandboxArgs {
    /// How many scripted members complete request flows at once.
    #[arg(long, default_value_t = 25)]
    pub users: usize,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Keep the database here instead of a temporary file.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Also write one self-contained HTML page of the guild as members saw it: channels,
    /// DMs, messages with embeds, buttons, menus and ephemeral answers.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArg {
    /// Path of the TOML configuration (see config.example.toml).
    #[arg(long, short, default_value = "config.toml", value_name = "PATH")]
    pub config: PathBuf,
}

/// `"10000:500"` → (10,000 sessions, 500 channels).
pub fn parse_sweep(text: &str) -> Result<(usize, usize), String> {
    let (sessions, channels) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?} is not SESSIONS:CHANNELS, e.g. 10000:500"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("{s:?} in {text:?} is not a count"))
    };
    Ok((number(sessions)?, number(channels)?))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_cli_is_well_formed_and_config_defaults_to_config_toml() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from(["craftdesk", "migrate"]).expect("parses");
        let Command::Migrate(arg) = cli.command else {
            panic!("expected migrate");
        };
        assert_eq!(arg.config, PathBuf::from("config.toml"));
        let cli = Cli::try_parse_from(["craftdesk", "check-config", "--config", "x.toml"])
            .expect("parses");
        assert!(
            matches!(cli.command, Command::CheckConfig(a) if a.config.as_path() == std::path::Path::new("x.toml"))
        );
        let cli = Cli::try_parse_from(["craftdesk", "backup", "-c", "y.toml"]).expect("parses");
        assert!(
            matches!(cli.command, Command::Backup(a) if a.config.as_path() == std::path::Path::new("y.toml"))
        );
    }

    #[test]
    fn sandbox_and_loadtest_take_an_html_path() {
        let cli =
            Cli::try_parse_from(["craftdesk", "sandbox", "--html", "guild.html"]).expect("parses");
        let Command::Sandbox(args) = cli.command else {
            panic!("expected sandbox");
        };
        assert_eq!(args.html, Some(PathBuf::from("guild.html")));
        let cli =
            Cli::try_parse_from(["craftdesk", "loadtest", "--html", "load.html"]).expect("parses");
        let Command::Loadtest(args) = cli.command else {
            panic!("expected loadtest");
        };
        assert_eq!(args.html, Some(PathBuf::from("load.html")));
        assert!(Cli::try_parse_from(["craftdesk", "sandbox", "--html"]).is_err());
    }

    #[test]
    fn loadtest_sweep_takes_sessions_and_channels() {
        let cli =
            Cli::try_parse_from(["craftdesk", "loadtest", "--sweep", "10000:500"]).expect("parses");
        let Command::Loadtest(args) = cli.command else {
            panic!("expected loadtest");
        };
        assert_eq!(args.sweep, Some((10_000, 500)));
        assert_eq!(args.hot_members, 20);
        for bad in ["10000", "a:5", "5:", "-1:2"] {
            assert!(
                Cli::try_parse_from(["craftdesk", "loadtest", "--sweep", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn loadtest_takes_guilds_and_a_mode_defaulting_to_one_guild_in_dm_mode() {
        let cli = Cli::try_parse_from(["craftdesk", "loadtest"]).expect("parses");
        let Command::Loadtest(args) = cli.command else {
            panic!("expected loadtest");
        };
        assert_eq!((args.guilds, args.mode), (1, GuildMode::Dm));
        let cli = Cli::try_parse_from([
            "craftdesk",
            "loadtest",
            "--guilds",
            "4",
            "--mode",
            "channel",
        ])
        .expect("parses");
        let Command::Loadtest(args) = cli.command else {
            panic!("expected loadtest");
        };
        assert_eq!((args.guilds, args.mode), (4, GuildMode::Channel));
        assert!(Cli::try_parse_from(["craftdesk", "loadtest", "--mode", "thread"]).is_err());
    }

    #[test]
    fn import_legacy_takes_a_file_and_a_guild_id() {
        let cli = Cli::try_parse_from([
            "craftdesk",
            "import-legacy",
            "--from",
            "guild-requests.sqlite",
            "--guild",
            "900",
        ])
        .expect("parses");
        let Command::ImportLegacy(args) = cli.command else {
            panic!("expected import-legacy");
        };
        assert_eq!(args.config.config, PathBuf::from("config.toml"));
        assert_eq!(args.from, PathBuf::from("guild-requests.sqlite"));
        assert_eq!(args.guild.get(), 900);
        assert!(Cli::try_parse_from([
            "craftdesk",
            "import-legacy",
            "--from",
            "x",
            "--guild",
            "abc"
        ])
        .is_err());
        assert!(Cli::try_parse_from(["craftdesk", "import-legacy", "--guild", "1"]).is_err());
    }
}
