//! The store's contract, run unchanged against both backends: every test in `sessions`,
//! `requests`, `places` and `board` takes a [`Harness`] and is instantiated twice by `contract!`,
//! as `store::sqlite::NAME` (a temporary file) and `store::postgres::NAME` (a fresh
//! database on the test server, see `support::pg`). Backend-specific checks (an unwritable
//! path, an unreachable server) live in `specific`.

mod board;
mod places;
pub mod recovery;
mod requests;
mod sessions;
mod settings;
mod specific;

use std::time::Duration;

use craftdesk::config::{DatabaseConfig, DatabaseUrl};
use craftdesk::domain::{Snowflake, Timestamp};
use craftdesk::store::{SessionPolicy, Store};

use crate::support::pg::PgTestDb;

pub const T0: Timestamp = Timestamp::from_millis(1_764_000_000_000);

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A store of one test's own, with what it takes to reach its database behind its back.
pub struct Harness {
    pub store: Store,
    pub config: DatabaseConfig,
    kind: Kind,
    _dir: tempfile::TempDir,
    pg: Option<PgTestDb>,
}

pub fn policy() -> SessionPolicy {
    SessionPolicy {
        ttl: Duration::from_secs(24 * 3600),
        touch_threshold: Duration::from_secs(30),
    }
}

pub fn id(n: u64) -> Snowflake {
    Snowflake::new(n).expect("non-zero")
}

impl Harness {
    pub async fn new(kind: Kind) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let (pg, url) = match kind {
            Kind::Sqlite => (None, None),
            Kind::Postgres => {
                let db = PgTestDb::create().await;
                let url = DatabaseUrl::parse(&db.url).expect("a PostgreSQL URL");
                (Some(db), Some(url))
            }
        };
        let config = DatabaseConfig {
            path: dir.path().join("craftdesk.sqlite"),
            url,
            pool_size: 4,
            busy_timeout: Duration::from_secs(5),
        };
        let store = Store::connect(&config, policy())
            .await
            .expect("store opens");
        Self {
            store,
            config,
            kind,
            _dir: dir,
            pg,
        }
    }

    /// Opens the same database again, as a restarted process would.
    pub async fn reopen(&self) -> Result<Store, craftdesk::store::StoreError> {
        Store::connect(&self.config, policy()).await
    }

    /// Runs SQL on the database directly, behind the store's back.
    pub async fn execute(&self, sql: &str) {
        match (&self.pg, self.kind) {
            (Some(pg), Kind::Postgres) => pg.execute(sql).await,
            _ => rusqlite::Connection::open(&self.config.path)
                .expect("opens")
                .execute_batch(sql)
                .expect("SQL runs"),
        }
    }

    /// Marks the database as written by a newer craftdesk (schema version 999).
    pub async fn forge_newer_schema(&self) {
        match self.kind {
            Kind::Sqlite => self.execute("PRAGMA user_version = 999").await,
            Kind::Postgres => {
                self.execute(
                    "INSERT INTO craftdesk_schema (version, name) VALUES (999, 'from the future')",
                )
                .await;
            }
        }
    }

    /// Seeds `expired` sessions past their TTL (each a millisecond older than the last) and
    /// `live` ones that are not, in one transaction, users 1, 2, 3, ...
    pub async fn seed_sessions(&self, expired: u64, live: u64, now: Timestamp) {
        let (now, total) = (now.as_millis(), expired + live);
        self.execute(&match self.kind {
            Kind::Sqlite => format!(
                "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < {total}) \
                 INSERT INTO temp_sessions (session_key, user_id, guild_id, kind, state_json, created_at, last_seen_at, expires_at) \
                 SELECT 'req_' || v || '_{now}', v, 900, 'request', '{{}}', {now} - 100000, {now} - 100000, \
                 CASE WHEN v <= {expired} THEN {now} - v ELSE {now} + 60000 END FROM n"
            ),
            Kind::Postgres => format!(
                "INSERT INTO temp_sessions (session_key, user_id, guild_id, kind, state_json, created_at, last_seen_at, expires_at) \
                 SELECT 'req_' || v || '_{now}', v, 900, 'request', '{{}}', {now} - 100000, {now} - 100000, \
                 CASE WHEN v <= {expired} THEN {now} - v ELSE {now} + 60000 END FROM generate_series(1, {total}) v"
            ),
        })
        .await;
    }
}

/// Instantiates each named contract test once per backend.
macro_rules! contract {
    ($($module:ident :: $test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$module::$test(super::Harness::new(super::Kind::Sqlite).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    if crate::support::runs_without("postgres") {
                        return;
                    }
                    super::$module::$test(super::Harness::new(super::Kind::Postgres).await).await;
                }
            )*
        }
    };
}

contract! {
    sessions::a_created_session_reads_back_and_saves_with_cas,
    sessions::under_50_concurrent_writers_exactly_one_wins_each_version,
    sessions::two_flows_of_one_member_in_the_same_millisecond_get_distinct_keys,
    sessions::touch_writes_only_when_older_than_the_threshold,
    sessions::concurrent_starts_never_pass_the_open_flow_limit,
    sessions::a_view_opened_again_reuses_its_one_session,
    sessions::delete_sessions_removes_many_at_once,
    sessions::expiry_of_100000_rows_works_in_chunks_and_spares_live_sessions,
    sessions::reopening_keeps_everything,
    sessions::a_database_from_a_newer_version_is_refused_with_a_clear_message,
    requests::requests_are_numbered_per_guild_and_a_flow_submits_once,
    requests::the_open_request_limit_and_the_submit_pace_hold,
    requests::of_concurrent_claims_exactly_one_wins_and_each_change_is_recorded,
    requests::members_cancel_only_their_own_open_requests,
    places::characters_have_unique_names_and_one_main,
    places::a_member_registers_at_most_max_characters_even_when_adds_race,
    places::removing_a_character_cancels_its_pending_requests,
    places::member_channels_idle_ones_and_deleted_ones,
    places::dm_homes_panels_and_ended_flow_messages_are_kept,
    places::member_languages_are_kept_and_changed,
    board::the_audit_log_pages_newest_first_and_searches_by_character,
    board::handed_over_materials_are_recorded_once_per_version,
    board::recently_closed_claims_list_what_a_crafter_had,
    board::a_lease_has_one_holder_until_it_expires_or_is_released,
    board::a_held_lease_waits_for_its_holder_and_is_given_up_when_dropped,
    recovery::what_a_crash_leaves_half_done_can_be_found_again,
    settings::settings_save_with_cas_and_every_change_is_recorded,
    settings::concurrent_settings_saves_have_one_winner,
    settings::uploaded_catalogs_are_kept_per_guild_and_profession,
}
