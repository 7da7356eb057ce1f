//! Store benchmark: what the session store does on this machine, scenario by scenario.
//!
//! `cargo bench --bench store` prints one line per scenario. The goals (issue #3): ≥ 15,000
//! flow steps/s from 100 concurrent tasks with p99 ≤ 15 ms, p99 ≤ 1 ms per step at an
//! offered 1,000 steps/s, ≥ 150,000 reads/s, no step slower than 15 ms while 1,000,000
//! expired rows are swept, and the process under 16 MiB RSS with 1,000,000 sessions stored.
//! A flow step is what one click costs the store: load + CAS save + conditional touch.
//! `STORE_BENCH_ROWS` shrinks the million-row scenarios for a quick run.
//! `STORE_BENCH_PG_URL=postgres://…` runs the same scenarios on PostgreSQL instead (a
//! database of each scenario's own on that server, dropped afterwards; the user needs
//! CREATEDB), without the SQLite-only RSS probe.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use craftdesk::config::DatabaseConfig;
use craftdesk::domain::{SessionKey, Snowflake, Timestamp};
use craftdesk::store::{NewSession, SessionPolicy, Store};

const GUILD: u64 = 900;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Re-executed by `rss_with_sessions_stored` to seed a file without touching our memory.
    if let Some(pos) = args.iter().position(|a| a == "--seed") {
        let live = args[pos + 2].parse().unwrap();
        seed(Path::new(&args[pos + 1]), 0, live, Timestamp::now());
        return;
    }
    if args.iter().any(|a| a == "--rss-probe") {
        let pos = args.iter().position(|a| a == "--rss-probe").unwrap();
        rss_probe(Path::new(&args[pos + 1]));
        return;
    }
    let rows: u64 = std::env::var("STORE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!(
        "store benchmark ({} cores)",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!(
        "{:<58} {:>12} {:>10} {:>10} {:>10}",
        "scenario", "ops/s", "p50", "p99", "max"
    );
    let on_postgres = std::env::var_os("STORE_BENCH_PG_URL").is_some();
    if on_postgres {
        println!("on PostgreSQL");
    }
    runtime.block_on(async {
        steps_single_task().await;
        steps_concurrent(100).await;
        steps_paced(1_000, Duration::from_secs(3)).await;
        reads_by_key(8).await;
        reads_by_key(32).await;
        expiry_under_load(rows).await;
    });
    if !on_postgres {
        rss_with_sessions_stored(rows);
    }
}

/// A scenario's own empty store: a SQLite file in a temporary directory, or a PostgreSQL
/// database on `STORE_BENCH_PG_URL`'s server.
struct Fresh {
    store: Store,
    dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl Fresh {
    async fn new() -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let dir = tempfile::tempdir().unwrap();
        let Ok(server) = std::env::var("STORE_BENCH_PG_URL") else {
            let store = open(&dir.path().join("bench.sqlite"));
            return Self {
                store,
                dir,
                pg: None,
            };
        };
        let name = format!(
            "craftdesk_bench_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        admin(&server, &format!("CREATE DATABASE {name}")).await;
        let url = format!("{}/{name}", server.rsplit_once('/').unwrap().0);
        let config = DatabaseConfig {
            url: Some(craftdesk::config::DatabaseUrl::parse(&url).unwrap()),
            pool_size: 16,
            ..DatabaseConfig::default()
        };
        let store = Store::connect(&config, policy()).await.unwrap();
        Self {
            store,
            dir,
            pg: Some((server, name)),
        }
    }

    /// Seeds `rows` sessions already past their expiry.
    async fn seed_expired(&self, rows: u64, now: Timestamp) {
        let Some((server, name)) = &self.pg else {
            seed(&self.dir.path().join("bench.sqlite"), rows, 0, now);
            return;
        };
        let url = format!("{}/{name}", server.rsplit_once('/').unwrap().0);
        let now = now.as_millis();
        admin(
            &url,
            &format!(
                "INSERT INTO temp_sessions (session_key, user_id, guild_id, kind, state_json, created_at, last_seen_at, expires_at) \
                 SELECT 'req_' || (1000000 + n) || '_{now}', 1000000 + n, {GUILD}, 'request', \
                 '{{\"step\":\"quantity\",\"profession\":\"enchanting\",\"item\":\"Enchant Chest - Greater Stats\"}}', \
                 {now} - 60000, {now} - 60000, {now} - 1 FROM generate_series(1, {rows}) n; ANALYZE temp_sessions"
            ),
        )
        .await;
    }

    async fn finish(self) {
        drop(self.store);
        if let Some((server, name)) = self.pg {
            admin(&server, &format!("DROP DATABASE {name} WITH (FORCE)")).await;
        }
    }
}

async fn admin(url: &str, sql: &str) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    client.batch_execute(sql).await.unwrap();
    drop(client);
    let _ = driver.await;
}

fn policy() -> SessionPolicy {
    SessionPolicy {
        ttl: Duration::from_secs(86_400),
        touch_threshold: Duration::from_secs(30),
    }
}

fn open(path: &Path) -> Store {
    let config = DatabaseConfig {
        path: path.to_owned(),
        url: None,
        pool_size: 4,
        busy_timeout: Duration::from_secs(5),
    };
    Store::open(&config, policy()).unwrap()
}

fn id(n: u64) -> Snowflake {
    Snowflake::new(n).unwrap()
}

async fn sessions(store: &Store, count: u64) -> Vec<SessionKey> {
    let mut keys = Vec::new();
    for user in 1..=count {
        let new = NewSession {
            user_id: id(user),
            guild_id: id(GUILD),
            kind: "request".to_owned(),
            state_json: r#"{"step":"character","character":null}"#.to_owned(),
            channel_id: Some(id(10_000 + user)),
        };
        keys.push(
            store
                .create_session(new, Timestamp::now())
                .await
                .unwrap()
                .key,
        );
    }
    keys
}

/// One click: load, save with CAS, touch. Returns its latency.
async fn step(store: &Store, key: &SessionKey) -> Duration {
    let started = Instant::now();
    let now = Timestamp::now();
    let session = store.session(key).await.unwrap().unwrap();
    let state = format!(r#"{{"step":"item","n":{}}}"#, session.version);
    store
        .save_session(key, session.version, state, now)
        .await
        .unwrap();
    store.touch_session(key, now).await.unwrap();
    started.elapsed()
}

struct Latencies(Vec<Duration>);

impl Latencies {
    fn report(mut self, name: &str, elapsed: Duration) {
        self.0.sort_unstable();
        let n = self.0.len();
        let at = |q: f64| self.0[((n as f64 * q) as usize).min(n - 1)];
        println!(
            "{:<58} {:>12.0} {:>10} {:>10} {:>10}",
            name,
            n as f64 / elapsed.as_secs_f64(),
            fmt(at(0.5)),
            fmt(at(0.99)),
            fmt(self.0[n - 1])
        );
    }
}

fn fmt(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{}µs", d.as_micros())
    } else {
        format!("{:.1}ms", d.as_secs_f64() * 1_000.0)
    }
}

async fn steps_single_task() {
    let fresh = Fresh::new().await;
    let store = fresh.store.clone();
    let keys = sessions(&store, 100).await;
    let mut latencies = Vec::new();
    let started = Instant::now();
    for i in 0..5_000 {
        latencies.push(step(&store, &keys[i % keys.len()]).await);
    }
    Latencies(latencies).report("flow steps, 1 task", started.elapsed());
    fresh.finish().await;
}

async fn steps_concurrent(tasks: u64) {
    let fresh = Fresh::new().await;
    let store = fresh.store.clone();
    let keys = sessions(&store, tasks).await;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(4);
    let mut handles = Vec::new();
    for key in keys {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                latencies.push(step(&store, &key).await);
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for handle in handles {
        all.extend(handle.await.unwrap());
    }
    Latencies(all).report(
        &format!("flow steps, {tasks} concurrent tasks"),
        started.elapsed(),
    );
    fresh.finish().await;
}

/// Steps offered at a fixed rate, each from its own task, as clicks arrive.
async fn steps_paced(per_second: u64, length: Duration) {
    let fresh = Fresh::new().await;
    let store = fresh.store.clone();
    let latencies = paced_load(&store, per_second, length, None).await;
    let n = latencies.0.len();
    latencies.report(
        &format!("flow steps offered at {per_second}/s ({n} steps)"),
        length,
    );
    fresh.finish().await;
}

/// Offers steps at `per_second` until `length` passes or `stop` is set.
async fn paced_load(
    store: &Store,
    per_second: u64,
    length: Duration,
    stop: Option<Arc<std::sync::atomic::AtomicBool>>,
) -> Latencies {
    let keys = Arc::new(sessions(store, 200).await);
    let mut ticker =
        tokio::time::interval(Duration::from_secs(1) / u32::try_from(per_second).unwrap());
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut handles = Vec::new();
    let mut i = 0;
    while started.elapsed() < length
        && !stop
            .as_ref()
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
    {
        ticker.tick().await;
        let (store, keys) = (store.clone(), keys.clone());
        let index = i % keys.len();
        i += 1;
        handles.push(tokio::spawn(async move {
            // Two clicks on one flow can overlap at this rate; retry a lost CAS as a user would.
            loop {
                let started = Instant::now();
                let now = Timestamp::now();
                let key = &keys[index];
                let session = store.session(key).await.unwrap().unwrap();
                let saved = store
                    .save_session(key, session.version, "{}".to_owned(), now)
                    .await;
                store.touch_session(key, now).await.unwrap();
                if saved.is_ok() {
                    return started.elapsed();
                }
            }
        }));
    }
    let mut latencies = Vec::new();
    for handle in handles {
        latencies.push(handle.await.unwrap());
    }
    Latencies(latencies)
}

async fn reads_by_key(tasks: usize) {
    let fresh = Fresh::new().await;
    let store = fresh.store.clone();
    let keys = Arc::new(sessions(&store, 1_000).await);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(3);
    let mut handles = Vec::new();
    for t in 0..tasks {
        let (store, keys) = (store.clone(), keys.clone());
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut i = t;
            while Instant::now() < deadline {
                let begun = Instant::now();
                store.session(&keys[i % keys.len()]).await.unwrap().unwrap();
                latencies.push(begun.elapsed());
                i += 7;
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for handle in handles {
        all.extend(handle.await.unwrap());
    }
    Latencies(all).report(&format!("reads by key, {tasks} tasks"), started.elapsed());
    fresh.finish().await;
}

async fn expiry_under_load(rows: u64) {
    let fresh = Fresh::new().await;
    let (store, path) = (fresh.store.clone(), fresh.dir.path().join("bench.sqlite"));
    let now = Timestamp::now();
    fresh.seed_expired(rows, now).await;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = {
        let (store, stop) = (store.clone(), stop.clone());
        tokio::spawn(
            async move { paced_load(&store, 500, Duration::from_secs(600), Some(stop)).await },
        )
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let mut removed = 0;
    for round in 1.. {
        let chunk = store.expire_sessions_chunk(now, 500).await.unwrap().len();
        removed += chunk;
        if chunk < 500 {
            break;
        }
        // Keep the WAL small as we go (PASSIVE never blocks writers), so the final
        // TRUNCATE has little to copy; a short pause lets queued steps commit.
        if round % 20 == 0 {
            store.checkpoint(false).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let sweep = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let latencies = load.await.unwrap();
    // Afterwards (the cleanup task does the same): cut the WAL back to nothing.
    let truncate_started = Instant::now();
    store.checkpoint(true).await.unwrap();
    let truncate = truncate_started.elapsed();
    println!(
        "{:<58} {:>12.0} {:>10} {:>10} {:>10}",
        format!("expiry of {removed} rows in chunks of 500 (rows/s)"),
        removed as f64 / sweep.as_secs_f64(),
        "",
        "",
        fmt(sweep)
    );
    latencies.report("  flow steps at 500/s during that sweep", sweep);
    println!(
        "  wal_checkpoint(TRUNCATE) afterwards took {}",
        fmt(truncate)
    );
    let wal = std::fs::metadata(path.with_extension("sqlite-wal")).map_or(0, |m| m.len());
    println!("  WAL after TRUNCATE checkpoint: {wal} bytes");
    fresh.finish().await;
}

/// Seeds `expired + live` sessions in one transaction on a connection of its own.
fn seed(path: &Path, expired: u64, live: u64, now: Timestamp) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO temp_sessions (session_key, user_id, guild_id, kind, state_json, \
                 created_at, last_seen_at, expires_at) VALUES (?1, ?2, ?3, 'request', ?4, ?5, ?5, ?6)",
            )
            .unwrap();
        for n in 0..expired + live {
            let user = 1_000_000 + n;
            let expires_at = if n < expired {
                now.as_millis() - 1
            } else {
                now.as_millis() + 86_400_000
            };
            insert
                .execute(rusqlite::params![
                    format!("req_{user}_{}", now.as_millis()),
                    i64::try_from(user).unwrap(),
                    i64::try_from(GUILD).unwrap(),
                    r#"{"step":"quantity","profession":"enchanting","item":"Enchant Chest - Greater Stats"}"#,
                    now.as_millis() - 60_000,
                    expires_at
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Seeds `rows` live sessions from a child process, then measures a fresh child process
/// that opens the store and serves steps over them (so neither seeding nor the other
/// scenarios count towards its memory).
fn rss_with_sessions_stored(rows: u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite");
    drop(open(&path));
    let exe = std::env::current_exe().unwrap();
    let seeded = std::process::Command::new(&exe)
        .arg("--seed")
        .arg(&path)
        .arg(rows.to_string())
        .status()
        .unwrap();
    assert!(seeded.success());
    let out = std::process::Command::new(&exe)
        .arg("--rss-probe")
        .arg(&path)
        .output()
        .unwrap();
    print!("{}", String::from_utf8_lossy(&out.stdout));
}

/// Child process: opens the store over the seeded file, runs steps, prints its RSS.
fn rss_probe(path: &Path) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let store = open(path);
        let keys = sessions(&store, 100).await;
        for i in 0..2_000 {
            step(&store, &keys[i % keys.len()]).await;
        }
        let stored = store.count_sessions().await.unwrap();
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .map_or("?".to_owned(), |l| l[name.len()..].trim().to_owned())
        };
        println!(
            "process with {stored} sessions stored, after 2,000 steps: RSS {} (peak {})",
            field("VmRSS:"),
            field("VmHWM:")
        );
    });
}
