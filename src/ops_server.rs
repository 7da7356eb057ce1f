//! The operations HTTP endpoint on `telemetry.metrics_addr`: `GET /metrics` (Prometheus
//! text) and `GET /healthz` (200 `ok`, or 503 with the reason).
//!
//! Bound in `App::build` (so a taken port fails at startup and tests can bind port 0 and
//! ask for the address), served from `App::serve` until its shutdown token is cancelled.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::health::{self, GatewayProbe};
use crate::store::{Store, StoreError};

/// Histogram samples are folded into buckets at least this often between scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

#[derive(Clone)]
struct Ops {
    metrics: Option<PrometheusHandle>,
    store: Store,
    gateway: Arc<dyn GatewayProbe>,
}

/// Binds `addr` (port 0 picks a free port: read it back with `local_addr`).
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// Serves `/metrics` and `/healthz` on `listener` until `shutdown` is cancelled.
pub fn spawn(
    listener: TcpListener,
    metrics: Option<PrometheusHandle>,
    store: Store,
    gateway: Arc<dyn GatewayProbe>,
    shutdown: CancellationToken,
) -> JoinHandle<()> {
    let upkeep = metrics.clone();
    let ops = Ops {
        metrics,
        store,
        gateway,
    };
    let app = Router::new()
        .route("/metrics", get(metrics_text))
        .route("/healthz", get(healthz))
        .with_state(ops);
    tokio::spawn(async move {
        if let Some(handle) = upkeep {
            let stop = shutdown.clone();
            tokio::spawn(async move {
                let mut ticker = tokio::time::interval(UPKEEP_EVERY);
                loop {
                    tokio::select! {
                        _ = ticker.tick() => crate::metrics::upkeep(&handle),
                        () = stop.cancelled() => break,
                    }
                }
            });
        }
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown.cancelled_owned())
            .await;
        if let Err(err) = served {
            tracing::error!(%err, "the metrics endpoint failed");
        }
        tracing::debug!("metrics endpoint stopped");
    })
}

async fn metrics_text(State(ops): State<Ops>) -> Response {
    let Some(handle) = &ops.metrics else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "metrics recorder not installed\n",
        )
            .into_response();
    };
    let _one_at_a_time = SCRAPE.lock().await;
    match store_gauges(&ops.store).await {
        Ok(()) => {
            let text = crate::metrics::render(handle);
            ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
        }
        Err(err) => {
            tracing::warn!(%err, "cannot read the store for /metrics");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("database: {err}\n"),
            )
                .into_response()
        }
    }
}

/// Scrapes refresh the store-derived gauges, then render: one at a time, so a scrape shows
/// the values it read (tests may run several apps in one process).
static SCRAPE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Reads the store-derived gauges (open sessions, requests by status) just before a scrape.
async fn store_gauges(store: &Store) -> Result<(), StoreError> {
    let sessions = store.count_sessions().await?;
    let requests = store.count_requests_by_status().await?;
    crate::metrics::store_counts(sessions, &requests);
    Ok(())
}

async fn healthz(State(ops): State<Ops>) -> Response {
    match health::check(&*ops.gateway, &ops.store).await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(reason) => {
            tracing::debug!(%reason, "unhealthy");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")).into_response()
        }
    }
}
