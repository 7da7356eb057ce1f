//! Injected faults: 429s with Discord's headers and body, 5xx, added latency (per route or global,
//! N times or with a probability), and gateway reconnects or dropped sockets.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::gateway::Gateway;

/// What a fault does to a matching request.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// 429 Too Many Requests with `Retry-After`, `X-RateLimit-*` and `{message, retry_after, global}`.
    RateLimit { retry_after: Duration, global: bool },
    /// An error status (500, 502, 503...) with Discord's body.
    Status(u16),
    /// The request is served normally after this delay.
    Latency(Duration),
}

/// A fault rule. Build with [`Fault::rate_limit`], [`Fault::server_error`] or [`Fault::latency`],
/// then narrow with [`Fault::on`], [`Fault::times`], [`Fault::with_probability`].
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub kind: FaultKind,
    /// `"POST /channels/{channel_id}/messages"`, or a template alone for any method; `None` for every route.
    pub route: Option<String>,
    /// How many requests it hits before it is used up; `None` for no limit.
    pub times: Option<u32>,
    /// The chance each matching request is hit (1.0 = always).
    pub probability: f64,
}

impl Fault {
    fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            route: None,
            times: None,
            probability: 1.0,
        }
    }

    /// A per-route 429 with `retry_after`.
    #[must_use]
    pub fn rate_limit(retry_after: Duration) -> Self {
        Self::new(FaultKind::RateLimit {
            retry_after,
            global: false,
        })
    }

    /// A global 429 (`"global": true`, `X-RateLimit-Global`).
    #[must_use]
    pub fn global_rate_limit(retry_after: Duration) -> Self {
        Self::new(FaultKind::RateLimit {
            retry_after,
            global: true,
        })
    }

    /// An error status, e.g. 500 or 502.
    #[must_use]
    pub fn server_error(status: u16) -> Self {
        Self::new(FaultKind::Status(status))
    }

    /// Added latency before the request is served.
    #[must_use]
    pub fn latency(delay: Duration) -> Self {
        Self::new(FaultKind::Latency(delay))
    }

    /// Only requests to this route: `"POST /channels/{channel_id}/messages"` or `"/channels/{channel_id}"`.
    #[must_use]
    pub fn on(mut self, route: &str) -> Self {
        self.route = Some(route.to_owned());
        self
    }

    /// Only the next `n` matching requests.
    #[must_use]
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Each matching request is hit with probability `p` (0.0–1.0).
    #[must_use]
    pub fn with_probability(mut self, p: f64) -> Self {
        self.probability = p;
        self
    }

    fn matches(&self, method: &str, template: &str) -> bool {
        match &self.route {
            None => true,
            Some(r) => match r.split_once(' ') {
                Some((m, t)) => m.eq_ignore_ascii_case(method) && t == template,
                None => r == template,
            },
        }
    }
}

/// The fault rules in force, and the gateway switches.
#[derive(Debug)]
pub struct Faults {
    rules: Mutex<Vec<Fault>>,
    rng: AtomicU64,
    gateway: Arc<Gateway>,
}

/// What the REST layer should do for one request.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    pub delay: Option<Duration>,
    pub response: Option<Response>,
}

impl Faults {
    pub(crate) fn new(gateway: Arc<Gateway>) -> Self {
        Self {
            rules: Mutex::new(Vec::new()),
            rng: AtomicU64::new(0x9E37_79B9_7F4A_7C15),
            gateway,
        }
    }

    /// Adds a rule; rules are tried in the order added.
    pub fn add(&self, fault: Fault) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.push(fault);
        }
    }

    /// The rules still in force, in the order tried (a rule hit its `times` is gone).
    pub fn in_force(&self) -> Vec<Fault> {
        self.rules
            .lock()
            .map(|rules| rules.clone())
            .unwrap_or_default()
    }

    /// Removes every rule.
    pub fn clear(&self) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.clear();
        }
    }

    /// Sends op 7 RECONNECT on every gateway connection (the bot should reconnect and RESUME).
    pub fn gateway_reconnect(&self) {
        self.gateway.reconnect_all();
    }

    /// Drops every gateway socket without a close frame.
    pub fn gateway_drop(&self) {
        self.gateway.drop_all();
    }

    /// Drops the gateway socket of shard `shard` only (a process running it died, or its
    /// network did); returns how many sockets were dropped.
    pub fn gateway_drop_shard(&self, shard: u64) -> usize {
        self.gateway.drop_shard(shard)
    }

    /// Forgets every gateway session, so a RESUME gets op 9 `INVALID_SESSION`.
    pub fn gateway_invalidate_sessions(&self) {
        self.gateway.invalidate_all();
    }

    fn chance(&self, p: f64) -> bool {
        if p >= 1.0 {
            return true;
        }
        // xorshift64*: good enough to spread faults, no dependency.
        let mut x = self.rng.load(Ordering::Relaxed);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng.store(x, Ordering::Relaxed);
        #[allow(clippy::cast_precision_loss)]
        let unit = (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64;
        unit < p
    }

    pub(crate) fn decide(&self, method: &str, template: &str) -> Decision {
        let mut decision = Decision::default();
        let Ok(mut rules) = self.rules.lock() else {
            return decision;
        };
        if rules.is_empty() {
            return decision;
        }
        let mut used_up = Vec::new();
        for (i, rule) in rules.iter_mut().enumerate() {
            if !rule.matches(method, template) || !self.chance(rule.probability) {
                continue;
            }
            if let Some(n) = rule.times.as_mut() {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    used_up.push(i);
                }
            }
            match &rule.kind {
                FaultKind::Latency(d) => {
                    decision.delay = Some(decision.delay.unwrap_or_default() + *d);
                }
                FaultKind::RateLimit {
                    retry_after,
                    global,
                } => {
                    decision.response = Some(rate_limited(template, *retry_after, *global));
                    break;
                }
                FaultKind::Status(status) => {
                    decision.response = Some(server_error(*status));
                    break;
                }
            }
        }
        for i in used_up.into_iter().rev() {
            rules.remove(i);
        }
        decision
    }
}

fn header(v: &str) -> HeaderValue {
    HeaderValue::from_str(v).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

pub(crate) fn rate_limited(template: &str, retry_after: Duration, global: bool) -> Response {
    let secs = retry_after.as_secs_f64();
    let body = json!({"message": "You are being rate limited.", "retry_after": secs, "global": global, "code": 0});
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    #[allow(clippy::cast_precision_loss)] // epoch milliseconds fit in f64 for millennia
    let reset = crate::snowflake::now_unix_ms() as f64 / 1000.0 + secs;
    let bucket = bucket_hash(template);
    let h = response.headers_mut();
    h.insert("retry-after", header(&format!("{}", secs.ceil())));
    h.insert("x-ratelimit-limit", header("5"));
    h.insert("x-ratelimit-remaining", header("0"));
    h.insert("x-ratelimit-reset", header(&format!("{reset:.3}")));
    h.insert("x-ratelimit-reset-after", header(&format!("{secs:.3}")));
    h.insert("x-ratelimit-bucket", header(&bucket));
    h.insert(
        "x-ratelimit-scope",
        header(if global { "global" } else { "user" }),
    );
    if global {
        h.insert("x-ratelimit-global", header("true"));
    }
    response.extensions_mut().insert(crate::error::ErrorCode(0));
    response
}

/// A stable bucket id for a route, like Discord's opaque `X-RateLimit-Bucket`.
pub(crate) fn bucket_hash(route: &str) -> String {
    let hash = route.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn server_error(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = json!({"message": format!("{}: {}", status.as_u16(), status.canonical_reason().unwrap_or("Server Error")), "code": 0});
    let mut response = (status, axum::Json(body)).into_response();
    response.extensions_mut().insert(crate::error::ErrorCode(0));
    response
}
