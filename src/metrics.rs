//! craftdesk's metrics: their names, the Prometheus recorder, and one function per thing
//! we count, so call sites read `metrics::flow_completed("request")`.
//!
//! Recording goes through the `metrics` facade; `metrics-exporter-prometheus` holds the
//! values and renders them as Prometheus text for `/metrics` (see `ops_server.rs`). The
//! recorder is process-wide and installed once, when the first app with
//! `telemetry.metrics_addr` starts; before that (and in apps without it) every call here is a
//! no-op. Store-derived gauges (open sessions, requests by status) are not counted as things
//! happen: the ops server reads them from the store just before each scrape and sets them
//! with [`store_counts`]. This module only records: it reads neither the store nor cleanup.

use std::sync::OnceLock;
use std::time::Duration;

use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::domain::RequestStatus;

pub const OPEN_SESSIONS: &str = "craftdesk_open_sessions";
pub const GUILDS_SEEN: &str = "craftdesk_guilds_seen";
pub const GUILDS_RECONCILED: &str = "craftdesk_guilds_reconciled";
pub const FLOWS_STARTED: &str = "craftdesk_flows_started_total";
pub const FLOWS_COMPLETED: &str = "craftdesk_flows_completed_total";
pub const FLOWS_EXPIRED: &str = "craftdesk_flows_expired_total";
pub const REQUESTS: &str = "craftdesk_requests";
pub const INTERACTIONS: &str = "craftdesk_interactions_total";
pub const INTERACTION_ANSWER_SECONDS: &str = "craftdesk_interaction_answer_seconds";
pub const REST_CALLS: &str = "craftdesk_discord_rest_calls_total";
pub const RATE_LIMITED: &str = "craftdesk_discord_rate_limited_total";
pub const INVALID_REQUESTS: &str = "craftdesk_discord_invalid_requests_total";
pub const INVALID_REQUESTS_RECENT: &str = "craftdesk_discord_invalid_requests_recent";
pub const PACE_WAIT_SECONDS: &str = "craftdesk_discord_pace_wait_seconds";
pub const CLEANUP_RUNS: &str = "craftdesk_cleanup_runs_total";
pub const CLEANUP_ITEMS: &str = "craftdesk_cleanup_items_total";
pub const GATEWAY_RECONNECTS: &str = "craftdesk_gateway_reconnects_total";
pub const DB_POOL_WAIT_SECONDS: &str = "craftdesk_db_pool_wait_seconds";

/// Latency buckets (seconds): interaction answers must come within Discord's 3 s.
const ANSWER_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];
/// Pool waits are usually microseconds; anything near a millisecond means contention.
const POOL_WAIT_BUCKETS: [f64; 10] = [
    0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.005, 0.01, 0.05, 0.1, 1.0,
];

/// The installed recorder's handle, or `None` if another recorder was installed first.
static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the Prometheus recorder (once per process) and returns its handle.
pub fn install() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let built = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(INTERACTION_ANSWER_SECONDS.to_owned()),
                    &ANSWER_BUCKETS,
                )
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(DB_POOL_WAIT_SECONDS.to_owned()),
                        &POOL_WAIT_BUCKETS,
                    )
                })
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(PACE_WAIT_SECONDS.to_owned()),
                        &ANSWER_BUCKETS,
                    )
                })
                .and_then(PrometheusBuilder::install_recorder);
            match built {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(err) => {
                    tracing::error!(%err, "cannot install the metrics recorder; /metrics stays empty");
                    None
                }
            }
        })
        .clone()
}

fn describe() {
    describe_gauge!(
        OPEN_SESSIONS,
        "Flows (sessions) open now, read from the store at scrape time"
    );
    describe_gauge!(
        GUILDS_SEEN,
        "Guilds whose GUILD_CREATE queued a reconciliation since the start"
    );
    describe_gauge!(
        GUILDS_RECONCILED,
        "Guilds reconciled with Discord since the start (equal to guilds_seen: all done)"
    );
    describe_counter!(FLOWS_STARTED, "Flows started, by kind");
    describe_counter!(
        FLOWS_COMPLETED,
        "Flows that ended in a submitted request, by kind"
    );
    describe_counter!(FLOWS_EXPIRED, "Flows ended by their TTL");
    describe_gauge!(
        REQUESTS,
        "Stored requests by status, read from the store at scrape time"
    );
    describe_counter!(INTERACTIONS, "Interactions handled, by kind and outcome");
    describe_histogram!(
        INTERACTION_ANSWER_SECONDS,
        metrics::Unit::Seconds,
        "From receiving an interaction to our answer's callback returning, by kind"
    );
    describe_counter!(
        REST_CALLS,
        "Discord REST calls we made, by route and status (2xx, an HTTP status, or error)"
    );
    describe_counter!(RATE_LIMITED, "Discord REST calls answered 429, by route");
    describe_counter!(
        INVALID_REQUESTS,
        "Discord REST calls answered 401, 403 or 429 (Discord bans past 10,000 in 10 minutes)"
    );
    describe_gauge!(
        INVALID_REQUESTS_RECENT,
        "401, 403 and 429 answers in the last 10 minutes (cleanup pauses past 8,000)"
    );
    describe_histogram!(
        PACE_WAIT_SECONDS,
        metrics::Unit::Seconds,
        "How long calls that had to wait waited for their turn, by lane"
    );
    describe_counter!(CLEANUP_RUNS, "Cleanup ticks run");
    describe_counter!(
        CLEANUP_ITEMS,
        "Cleanup work done, by item (sessions_expired, messages_marked, channels_deleted, errors)"
    );
    describe_counter!(
        GATEWAY_RECONNECTS,
        "Gateway reconnects: READY after the first, and RESUMED"
    );
    describe_histogram!(
        DB_POOL_WAIT_SECONDS,
        metrics::Unit::Seconds,
        "Time to get a read connection from the database pool"
    );
}

/// Sets the store-derived gauges: open sessions, and requests by status (a status not in
/// `requests` has none).
pub fn store_counts(sessions: u64, requests: &[(RequestStatus, u64)]) {
    #[allow(clippy::cast_precision_loss)] // counts far below 2⁵³
    {
        gauge!(OPEN_SESSIONS).set(sessions as f64);
        for status in RequestStatus::ALL {
            let count = requests
                .iter()
                .find(|(s, _)| *s == status)
                .map_or(0, |(_, n)| *n);
            gauge!(REQUESTS, "status" => status.as_str()).set(count as f64);
        }
    }
}

/// Renders every metric as Prometheus text (folding histogram samples first).
#[must_use]
pub fn render(handle: &PrometheusHandle) -> String {
    handle.run_upkeep();
    handle.render()
}

/// Folds recorded histogram samples into their buckets; call now and then.
pub fn upkeep(handle: &PrometheusHandle) {
    handle.run_upkeep();
}

pub fn flow_started(kind: &'static str) {
    counter!(FLOWS_STARTED, "kind" => kind).increment(1);
}

pub fn flow_completed(kind: &'static str) {
    counter!(FLOWS_COMPLETED, "kind" => kind).increment(1);
}

pub fn flows_expired(count: usize) {
    counter!(FLOWS_EXPIRED).increment(count as u64);
}

/// One interaction handled: how (`kind`: command, component, …) and how it ended.
pub fn interaction_handled(kind: &'static str, outcome: &'static str) {
    counter!(INTERACTIONS, "kind" => kind, "outcome" => outcome).increment(1);
}

/// The time from receiving an interaction to its first answer.
pub fn interaction_answered(kind: &'static str, elapsed: Duration) {
    histogram!(INTERACTION_ANSWER_SECONDS, "kind" => kind).record(elapsed);
}

/// One Discord REST call: `status` is "2xx", an HTTP status ("404", "429"), or "error".
pub fn rest_call(route: &'static str, status: &str) {
    if status == "429" {
        counter!(RATE_LIMITED, "route" => route).increment(1);
    }
    counter!(REST_CALLS, "route" => route, "status" => status.to_owned()).increment(1);
}

/// One more 401/403/429 answer; `recent` is the count in the last 10 minutes.
pub fn invalid_request(recent: u64) {
    counter!(INVALID_REQUESTS).increment(1);
    invalid_requests_recent(recent);
}

/// The count of 401/403/429 answers in the last 10 minutes.
#[allow(clippy::cast_precision_loss)] // far below 2⁵³
pub fn invalid_requests_recent(recent: u64) {
    gauge!(INVALID_REQUESTS_RECENT).set(recent as f64);
}

/// A call waited `waited` for its turn in `lane` (urgent, background, channel_…).
pub fn paced(lane: &'static str, waited: Duration) {
    histogram!(PACE_WAIT_SECONDS, "lane" => lane).record(waited);
}

/// One cleanup pass and how many of each item it handled.
pub fn cleanup_ran(
    sessions_expired: usize,
    messages_marked: usize,
    channels_deleted: usize,
    errors: usize,
) {
    counter!(CLEANUP_RUNS).increment(1);
    let items = [
        ("sessions_expired", sessions_expired),
        ("messages_marked", messages_marked),
        ("channels_deleted", channels_deleted),
        ("errors", errors),
    ];
    for (item, count) in items {
        counter!(CLEANUP_ITEMS, "item" => item).increment(count as u64);
    }
    flows_expired(sessions_expired);
}

/// Startup reconciliation's progress (see `discord::startup`).
#[allow(clippy::cast_precision_loss)] // guild counts far below 2^52
pub fn guilds_reconciled(seen: usize, reconciled: usize) {
    gauge!(GUILDS_SEEN).set(seen as f64);
    gauge!(GUILDS_RECONCILED).set(reconciled as f64);
}

/// A reconnect seen on the gateway: `event` is "ready" (after the first) or "resume".
pub fn gateway_reconnected(event: &'static str) {
    counter!(GATEWAY_RECONNECTS, "event" => event).increment(1);
}

pub fn pool_waited(elapsed: Duration) {
    histogram!(DB_POOL_WAIT_SECONDS).record(elapsed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_are_valid_prometheus_names() {
        let names = [
            OPEN_SESSIONS,
            FLOWS_STARTED,
            FLOWS_COMPLETED,
            FLOWS_EXPIRED,
            REQUESTS,
            INTERACTIONS,
            INTERACTION_ANSWER_SECONDS,
            REST_CALLS,
            RATE_LIMITED,
            INVALID_REQUESTS,
            INVALID_REQUESTS_RECENT,
            PACE_WAIT_SECONDS,
            CLEANUP_RUNS,
            CLEANUP_ITEMS,
            GATEWAY_RECONNECTS,
            DB_POOL_WAIT_SECONDS,
        ];
        for name in names {
            assert!(name.starts_with("craftdesk_"), "{name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
    }
}
