//! The craftdesk binary: parse the command line, load the configuration, run.

use std::process::ExitCode;

use clap::Parser;
use craftdesk::cli::{Cli, Command};
use craftdesk::config::Config;
use craftdesk::domain::Timestamp;
#[cfg(feature = "tools")]
use craftdesk::sandbox::{self, SandboxOptions};
use craftdesk::store::{latest_version, read_legacy_database, SessionPolicy, Store};
use craftdesk::{app, backup, telemetry};

/// mimalloc rather than glibc's malloc: it gives back what a startup burst freed (issue 20,
/// docs/scale.md). `MIMALLOC_PURGE_DELAY=0 MIMALLOC_ARENA_EAGER_COMMIT=0` keep the RSS near
/// what is in use (the Dockerfile sets them; docs/operations.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `craftdesk loadtest --sweep SESSIONS:CHANNELS`.
#[cfg(feature = "tools")]
fn sweep(
    args: &craftdesk::cli::LoadtestArgs,
    sessions: usize,
    channels: usize,
) -> anyhow::Result<ExitCode> {
    let options = craftdesk::cleanup_load::SweepOptions {
        sessions,
        channels,
        hot_members: args.hot_members,
        time_limit: std::time::Duration::from_secs(args.time_limit.max(1)),
        quiet: false,
        bot_exe: None,
    };
    let report = tokio::runtime::Runtime::new()?.block_on(craftdesk::cleanup_load::run(options))?;
    let text = craftdesk::cleanup_load::render_report(&report);
    report_out(
        &text,
        &report,
        args.json.as_deref(),
        report.errors.is_empty(),
    )
}

/// Prints a load report, writes it as JSON if asked, and exits 1 if the run had errors.
#[cfg(feature = "tools")]
fn report_out(
    text: &str,
    report: &impl serde::Serialize,
    json: Option<&std::path::Path>,
    clean: bool,
) -> anyhow::Result<ExitCode> {
    println!("{text}");
    if let Some(path) = json {
        std::fs::write(path, serde_json::to_string_pretty(report)?)?;
        println!(
            "  report written to {}",
            craftdesk::loadtest::json_path(path).display()
        );
    }
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

#[allow(clippy::too_many_lines)] // one arm per command, each short
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::CheckConfig(arg) => match Config::load(&arg.config) {
            Ok(config) => {
                print!("{}", config.to_redacted_toml());
                for note in config.deprecations() {
                    eprintln!("warning: {note}");
                }
                eprintln!("{}: configuration is valid", arg.config.display());
                Ok(ExitCode::SUCCESS)
            }
            Err(err) => {
                eprintln!("{err}");
                Ok(ExitCode::FAILURE)
            }
        },
        Command::Migrate(arg) => {
            let config = Config::load(&arg.config)?;
            telemetry::init(&config.telemetry);
            let version =
                tokio::runtime::Runtime::new()?.block_on(Store::migrate_only(&config.database))?;
            let database = match &config.database.url {
                Some(url) => url.redacted(),
                None => config.database.path.display().to_string(),
            };
            println!(
                "{database}: schema version {version} (latest {})",
                latest_version()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup(arg) => {
            let config = Config::load(&arg.config)?;
            telemetry::init(&config.telemetry);
            let made = tokio::runtime::Runtime::new()?.block_on(backup::take_now(
                &config.database,
                &config.backup,
                Timestamp::now(),
            ))?;
            println!("{} ({} bytes)", made.path.display(), made.bytes);
            for old in &made.pruned {
                eprintln!("removed old backup {}", old.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "tools")]
        Command::Sandbox(args) => {
            telemetry::init(&craftdesk::config::TelemetryConfig {
                level: "error,craftdesk=warn".to_owned(),
                ..Default::default()
            });
            let options = SandboxOptions {
                users: args.users.max(1),
                db: args.db,
                quiet: args.json,
                html: args.html,
            };
            let report = tokio::runtime::Runtime::new()?.block_on(sandbox::run(options))?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("{}", sandbox::render_report(&report));
            }
            let ok = report.errors.is_empty() && report.schema_violations == 0;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::ImportLegacy(args) => {
            let config = Config::load(&args.config.config)?;
            telemetry::init(&config.telemetry);
            if config.guild(args.guild).is_none() {
                eprintln!(
                    "error: guild {} is not in {}: add a [[guild]] with id = {} to it (see config.example.toml) and run the import again",
                    args.guild,
                    args.config.config.display(),
                    args.guild
                );
                return Ok(ExitCode::FAILURE);
            }
            let data = match read_legacy_database(&args.from) {
                Ok(data) => data,
                Err(err) => {
                    eprintln!("error: {err}");
                    return Ok(ExitCode::FAILURE);
                }
            };
            let policy = SessionPolicy::from(&config.sessions);
            let report = tokio::runtime::Runtime::new()?.block_on(async {
                let store = Store::connect(&config.database, policy).await?;
                store
                    .import_legacy(args.guild, data, Timestamp::now())
                    .await
            })?;
            print!(
                "{}",
                report.render(&args.from.display().to_string(), &args.guild.to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "tools")]
        Command::Loadtest(args) => {
            telemetry::init(&craftdesk::config::TelemetryConfig {
                level: "error,craftdesk=warn".to_owned(),
                ..Default::default()
            });
            if let Some((sessions, channels)) = args.sweep {
                return sweep(&args, sessions, channels);
            }
            if let Some(guilds) = args.startup_guilds {
                let options = craftdesk::loadtest::startup::StartupOptions {
                    guilds,
                    max_concurrency: args.max_concurrency.max(1),
                    time_limit: std::time::Duration::from_secs(args.time_limit.max(1)),
                    bot_exe: None,
                };
                let report = tokio::runtime::Runtime::new()?
                    .block_on(craftdesk::loadtest::startup::run(options))?;
                let text = craftdesk::loadtest::startup::render(&report);
                return report_out(
                    &text,
                    &report,
                    args.json.as_deref(),
                    report.errors.is_empty(),
                );
            }
            let options = craftdesk::loadtest::LoadtestOptions {
                members: args.members.max(1),
                claims: args.claims,
                faults: args.faults,
                think: std::time::Duration::from_millis(args.think_ms),
                stored_sessions: args.stored_sessions,
                time_limit: std::time::Duration::from_secs(args.time_limit.max(1)),
                quiet: false,
                bot_exe: None,
                html: args.html,
                database_url: args.database_url,
                processes: args.processes,
                guilds: args.guilds,
                mode: args.mode,
                default_pace: args.default_pace,
                rest_latency: std::time::Duration::from_millis(args.rest_latency_ms),
                channel_latency: std::time::Duration::from_millis(args.channel_latency_ms),
            };
            let report =
                tokio::runtime::Runtime::new()?.block_on(craftdesk::loadtest::run(options))?;
            let text = craftdesk::loadtest::render_report(&report);
            report_out(
                &text,
                &report,
                args.json.as_deref(),
                report.errors.is_empty(),
            )
        }
        #[cfg(not(feature = "tools"))]
        Command::Sandbox(_) | Command::Loadtest(_) => {
            eprintln!(
                "error: this craftdesk was built without its tools (sandbox, loadtest): build it \
                 with the default features (`cargo build --release`)"
            );
            Ok(ExitCode::FAILURE)
        }
        Command::MigrateStore(args) => {
            let from = args.from.display().to_string();
            let report = tokio::runtime::Runtime::new()?.block_on(
                craftdesk::store::copy_sqlite_to_postgres(
                    &args.from,
                    &args.to,
                    std::time::Duration::from_secs(10),
                ),
            );
            match report {
                Ok(report) => {
                    print!(
                        "{}",
                        report.render(&format!("sqlite:{from}"), &args.to.redacted())
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Run(arg) => {
            let config = Config::load(&arg.config)?;
            telemetry::init(&config.telemetry);
            let runtime = app::runtime()?;
            let served = runtime.block_on(app::run(config, arg.config.clone()));
            // Blocking reads still queued are not waited for: the store has committed all
            // it acknowledged.
            runtime.shutdown_timeout(std::time::Duration::from_secs(1));
            served?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
