//! craftdesk as a child process (`craftdesk run --config …`), as operators run it: for
//! tests that kill it (SIGKILL), stop it (SIGTERM) or have it reload its file (SIGHUP) and
//! look at how it went.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::time::Instant;

use super::{eventually_true, TestApp};

const GUILD_COMMANDS: &str = "PUT /applications/{application_id}/guilds/{guild_id}/commands";

/// The running `craftdesk run`.
pub struct BotProcess {
    process: tokio::process::Child,
}

/// Writes `app`'s configuration into `dir` for the child to read.
pub fn write_config(app: &TestApp, dir: &Path) -> PathBuf {
    let path = dir.join("craftdesk.toml");
    std::fs::write(&path, app.config_toml()).expect("config written");
    path
}

impl BotProcess {
    /// Starts the bot and waits until it serves: connected, commands registered (so its
    /// startup reconciliation, which comes before connecting, is done). A previous bot's
    /// gateway socket must be closed first.
    pub async fn start(app: &TestApp, config: &Path, log: &Path) -> Self {
        Self::start_serving(app, config, log, None, "warn").await
    }

    /// `start`, logging what `directives` (`RUST_LOG`) let through instead of warnings only.
    pub async fn start_logging(app: &TestApp, config: &Path, log: &Path, directives: &str) -> Self {
        Self::start_serving(app, config, log, None, directives).await
    }

    /// Starts one of several bot processes, the one running gateway shards `shards` (as its
    /// configuration says), and waits until it serves them, as `start` does.
    pub async fn start_shards(app: &TestApp, config: &Path, log: &Path, shards: &[u64]) -> Self {
        Self::start_serving(app, config, log, Some(shards), "warn").await
    }

    async fn start_serving(
        app: &TestApp,
        config: &Path,
        log: &Path,
        shards: Option<&[u64]>,
        directives: &str,
    ) -> Self {
        // Connections on this process's shards (any, for a process running every shard).
        let connected = || match shards {
            None => app.emu.gateway_connections(),
            Some(mine) => app
                .emu
                .connected_shards()
                .iter()
                .filter(|(shard, _)| mine.contains(shard))
                .count(),
        };
        let all = shards.map_or(1, <[u64]>::len);
        let deadline = Instant::now() + Duration::from_secs(20);
        eventually_true(
            Duration::from_secs(20),
            "the previous bot's socket stays open",
            || connected() == 0,
        )
        .await;
        let commands_before = app.emu.log().calls_to(GUILD_COMMANDS).len();
        let stderr = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("log file");
        let process = tokio::process::Command::new(env!("CARGO_BIN_EXE_craftdesk"))
            .args(["run", "--config"])
            .arg(config)
            .env_remove("DISCORD_TOKEN")
            .env("RUST_LOG", directives)
            .stdout(Stdio::null())
            .stderr(stderr)
            .kill_on_drop(true)
            .spawn()
            .expect("the bot starts");
        eventually_true(
            deadline.saturating_duration_since(Instant::now()),
            &format!("the bot did not come up; see {}", log.display()),
            || {
                connected() >= all
                    && app.emu.log().calls_to(GUILD_COMMANDS).len() != commands_before
            },
        )
        .await;
        Self { process }
    }

    /// The process id (leases name their holder by it).
    pub fn pid(&self) -> u32 {
        self.process.id().expect("still running")
    }

    /// SIGHUP: the bot re-reads its configuration file. Sent once the process catches the
    /// signal (on Linux, read from `/proc`): until it has installed its handler, SIGHUP
    /// would end it.
    pub async fn hangup(&self) {
        let pid = self.process.id().expect("still running");
        let status = PathBuf::from(format!("/proc/{pid}/status"));
        if status.exists() {
            eventually_true(Duration::from_secs(10), "the bot catches SIGHUP", || {
                catches_sighup(&status)
            })
            .await;
        }
        let signalled = tokio::process::Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .await
            .expect("kill(1) runs");
        assert!(signalled.success());
    }

    /// SIGKILL: no destructor, no flush, no goodbye.
    pub async fn kill(mut self) {
        self.process.start_kill().expect("kill");
        let status = self.process.wait().await.expect("reaped");
        assert!(!status.success(), "killed, not exited: {status:?}");
    }

    /// Sends SIGTERM and waits (up to `limit`) for the exit; its status and how long it
    /// took, or `None` if it was still running at the limit (it is killed then).
    pub async fn terminate(mut self, limit: Duration) -> Option<(ExitStatus, Duration)> {
        let pid = self.process.id().expect("still running");
        let sent = Instant::now();
        let signalled = tokio::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await
            .expect("kill(1) runs");
        assert!(signalled.success());
        match tokio::time::timeout(limit, self.process.wait()).await {
            Ok(status) => Some((status.expect("reaped"), sent.elapsed())),
            Err(_) => None,
        }
    }
}

/// Whether the process whose `/proc/<pid>/status` this is catches SIGHUP (signal 1: the
/// lowest bit of `SigCgt`, a hexadecimal mask).
fn catches_sighup(status: &Path) -> bool {
    std::fs::read_to_string(status)
        .ok()
        .and_then(|text| {
            let mask = text.lines().find_map(|l| l.strip_prefix("SigCgt:"))?;
            u64::from_str_radix(mask.trim(), 16).ok()
        })
        .is_some_and(|mask| mask & 1 == 1)
}
