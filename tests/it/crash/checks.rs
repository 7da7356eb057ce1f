//! What the crash tests read back to check their invariants: the store (a plain SQLite
//! connection beside the running bot, which WAL lets read; or a PostgreSQL connection) and
//! the emulator.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use discord_emulator::{Emulator, Snowflake};

use super::scene::number_after;
use super::CALLBACK;
use crate::support::eventually;

/// The database the bots share.
pub enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Db {
    /// Runs `sql`, whose columns are all integers (cast to BIGINT, for PostgreSQL).
    async fn rows(&self, sql: &str) -> Vec<Vec<Option<i64>>> {
        match self {
            Self::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).expect("database");
                conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
                let mut stmt = conn.prepare(sql).expect("query");
                let columns = stmt.column_count();
                stmt.query_map([], |r| (0..columns).map(|i| r.get(i)).collect())
                    .expect("rows")
                    .collect::<Result<_, _>>()
                    .expect("rows")
            }
            Self::Postgres(url) => {
                let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                    .await
                    .expect("database");
                let driver = tokio::spawn(connection);
                let rows = client.query(sql, &[]).await.expect("query");
                drop(client);
                let _ = driver.await;
                rows.iter()
                    .map(|r| (0..r.len()).map(|i| r.get(i)).collect())
                    .collect()
            }
        }
    }
}

fn unsigned(value: Option<i64>) -> u64 {
    value
        .and_then(|v| u64::try_from(v).ok())
        .unwrap_or_default()
}

/// The guild's request channels in the store: channel → member.
pub async fn stored_channels(db: &Db, guild: Snowflake) -> HashMap<u64, u64> {
    db.rows(&format!(
        "SELECT CAST(channel_id AS BIGINT), CAST(user_id AS BIGINT) FROM member_channels \
         WHERE channel_id IS NOT NULL AND guild_id = {guild}"
    ))
    .await
    .into_iter()
    .map(|r| (unsigned(r[0]), unsigned(r[1])))
    .collect()
}

/// Flows still open in the store.
pub async fn open_sessions(db: &Db) -> i64 {
    db.rows("SELECT CAST(COUNT(*) AS BIGINT) FROM temp_sessions")
        .await
        .first()
        .and_then(|r| r[0])
        .unwrap_or_default()
}

/// The guild's stored requests: number → (member, claimed by, claim events).
pub async fn stored_requests(
    db: &Db,
    guild: Snowflake,
) -> BTreeMap<u32, (u64, Option<u64>, usize)> {
    db.rows(&format!(
        "SELECT CAST(r.number AS BIGINT), CAST(r.user_id AS BIGINT), CAST(r.claimed_by AS BIGINT), \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM request_events e \
          WHERE e.request_id = r.id AND e.action = 'claimed') \
         FROM requests r WHERE r.guild_id = {guild}"
    ))
    .await
    .into_iter()
    .map(|r| {
        (
            u32::try_from(unsigned(r[0])).expect("a request number"),
            (
                unsigned(r[1]),
                r[2].map(|c| unsigned(Some(c))),
                usize::try_from(unsigned(r[3])).expect("a count"),
            ),
        )
    })
    .collect()
}

/// Whether a process held `member`'s channel-creation lease in `guild` at `at_ms` (one
/// killed between creating the member's channel and storing it holds it until it runs out).
async fn creation_leased(db: &Db, guild: Snowflake, member: &str, at_ms: i64) -> bool {
    let leased = db
        .rows(&format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM leases \
             WHERE name = 'space:{guild}:{member}' AND expires_at > {at_ms}"
        ))
        .await;
    leased.first().and_then(|r| r[0]).unwrap_or_default() > 0
}

/// After a (re)start, before anyone acts: one channel per member at most in `guild`, and
/// none the store does not know once the bot's reconciliation (in the background, from each
/// guild's `GUILD_CREATE`) has had its time, but for one whose creation lease a killed
/// process held: the reconciliation leaves such a channel (a flow may be storing it right
/// now), and the member's next `/request` adopts it once the lease runs out
/// (`spaces::make_or_adopt`), or a later reconciliation removes it.
pub async fn check_channels(emu: &Emulator, db: &Db, guild: Snowflake, when: &str) {
    // The reconciliation ran a moment before this check, or runs during it: a lease that
    // ran out since (2 s of slack) still counted then.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis();
    let reconciled_from = i64::try_from(now).expect("milliseconds") - 2_000;
    eventually(Duration::from_secs(15), async || {
        channel_problems(emu, db, guild, reconciled_from)
            .await
            .map_or(Ok(()), |problem| Err(format!("{when}: {problem}")))
    })
    .await;
}

/// What is wrong with `guild`'s request channels, if anything.
async fn channel_problems(
    emu: &Emulator,
    db: &Db,
    guild: Snowflake,
    reconciled_from: i64,
) -> Option<String> {
    let stored = stored_channels(db, guild).await;
    let mut per_name: HashMap<String, usize> = HashMap::new();
    for channel in emu.channels(guild) {
        let Some(member) = channel.name.strip_prefix("requests-") else {
            continue;
        };
        *per_name.entry(channel.name.clone()).or_default() += 1;
        if !stored.contains_key(&channel.id)
            && !creation_leased(db, guild, member, reconciled_from).await
        {
            return Some(format!(
                "orphan request channel {} ({}) survived reconciliation, and no process held \
                 its member's creation lease",
                channel.id, channel.name
            ));
        }
    }
    if let Some((name, count)) = per_name.into_iter().find(|(_, count)| *count != 1) {
        return Some(format!("{name} has {count} request channels"));
    }
    stored
        .keys()
        .find(|channel| emu.channel(**channel).is_none())
        .map(|channel| format!("the store remembers channel {channel}, which is gone"))
}

/// The request numbers the emulator saw answered as submitted.
pub fn answered_submitted(emu: &Emulator) -> HashSet<u32> {
    emu.log()
        .calls_to(CALLBACK)
        .iter()
        .filter(|c| c.status < 300)
        .filter_map(|c| {
            let content = c.body.as_ref()?["data"]["content"].as_str()?.to_owned();
            number_after(&content, "Request #").filter(|_| content.contains("submitted"))
        })
        .collect()
}
