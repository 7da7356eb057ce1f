//! What the crash test reads back to check its invariants: the store (a plain SQLite
//! connection beside the running bot: WAL lets it read) and the emulator.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use discord_emulator::Emulator;

use super::scene::number_after;
use super::CALLBACK;
use crate::support::TestApp;

/// The store's request channels: channel → member.
pub fn stored_channels(db: &Path) -> HashMap<u64, u64> {
    let conn = rusqlite::Connection::open(db).expect("database");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    let mut stmt = conn
        .prepare("SELECT channel_id, user_id FROM member_channels WHERE channel_id IS NOT NULL")
        .expect("query");
    stmt.query_map([], |r| {
        Ok((
            u64::try_from(r.get::<_, i64>(0)?).unwrap_or_default(),
            u64::try_from(r.get::<_, i64>(1)?).unwrap_or_default(),
        ))
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("rows")
}

/// Flows still open in the store.
pub fn open_sessions(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("database");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    conn.query_row("SELECT COUNT(*) FROM temp_sessions", [], |r| r.get(0))
        .expect("count")
}

/// The stored requests: number → (member, claimed by, claim events).
pub fn stored_requests(db: &Path) -> BTreeMap<u32, (u64, Option<u64>, usize)> {
    let conn = rusqlite::Connection::open(db).expect("database");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    let mut stmt = conn
        .prepare(
            "SELECT r.number, r.user_id, r.claimed_by, \
             (SELECT COUNT(*) FROM request_events e WHERE e.request_id = r.id AND e.action = 'claimed') \
             FROM requests r",
        )
        .expect("query");
    stmt.query_map([], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            (
                u64::try_from(r.get::<_, i64>(1)?).unwrap_or_default(),
                r.get::<_, Option<i64>>(2)?
                    .and_then(|c| u64::try_from(c).ok()),
                usize::try_from(r.get::<_, i64>(3)?).unwrap_or_default(),
            ),
        ))
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("rows")
}

/// After a (re)start, before anyone acts: one channel per member at most, and none the
/// store does not know.
pub fn check_channels(app: &TestApp, db: &Path, when: &str) {
    let stored = stored_channels(db);
    let mut per_name: HashMap<String, usize> = HashMap::new();
    for channel in app.emu.channels(app.guild) {
        if !channel.name.starts_with("requests-") || channel.name == "requests" {
            continue;
        }
        *per_name.entry(channel.name.clone()).or_default() += 1;
        assert!(
            stored.contains_key(&channel.id),
            "{when}: orphan request channel {} ({}) survived reconciliation",
            channel.id,
            channel.name
        );
    }
    for (name, count) in per_name {
        assert_eq!(count, 1, "{when}: {name} has {count} request channels");
    }
    for channel in stored.keys() {
        assert!(
            app.emu.channel(*channel).is_some(),
            "{when}: the store remembers channel {channel}, which is gone"
        );
    }
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
