//! The command line: `craftdesk run | check-config | migrate | backup | sandbox | import-legacy`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 300)]
    pub time_limit: u64,
    /// Also write the report as JSON to this file.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// Instead of the flow burst: start the bot on SESSIONS expired flows and CHANNELS idle
    /// request channels (e.g. 10000:500) and measure the cleanup sweep, at the bot's real
    /// pace, while --hot-members members keep doing flows.
    #[arg(long, value_name = "SESSIONS:CHANNELS", value_parser = crate::sweep::parse_sweep)]
    pub sweep: Option<(usize, usize)>,
    /// Members doing flows during --sweep.
    #[arg(long, default_value_t = 20)]
    pub hot_members: usize,
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
}

#[derive(Debug, clap::Args)]
pub struct ConfigArg {
    /// Path of the TOML configuration (see config.example.toml).
    #[arg(long, short, default_value = "config.toml", value_name = "PATH")]
    pub config: PathBuf,
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
