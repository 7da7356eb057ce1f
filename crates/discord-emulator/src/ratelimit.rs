//! Discord-like rate limits (opt-in): a global requests-per-second cap and per-route buckets keyed by
//! the route's major parameter, answered with 429s shaped like Discord's. Off by default: tests inject
//! precise 429s with [`crate::Fault`] instead.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderValue;
use axum::response::Response;

/// One bucket rule: at most `limit` requests per `per` on a route, per major parameter (channel, guild...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// `"POST /channels/{channel_id}/messages"`.
    pub route: String,
    pub limit: u32,
    pub per: Duration,
}

/// Which limits to enforce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Requests per second over all routes except interaction callbacks and webhooks (Discord: 50).
    pub global_per_second: u32,
    pub buckets: Vec<Bucket>,
}

impl RateLimits {
    /// Discord's global 50/s and its well-known message limit (5 per 5 s per channel), plus a channel
    /// creation limit of 5 per 10 s per guild (Discord does not document its figure; this is conservative).
    #[must_use]
    pub fn discord_like() -> Self {
        Self {
            global_per_second: 50,
            buckets: vec![
                Bucket {
                    route: "POST /channels/{channel_id}/messages".into(),
                    limit: 5,
                    per: Duration::from_secs(5),
                },
                Bucket {
                    route: "POST /guilds/{guild_id}/channels".into(),
                    limit: 5,
                    per: Duration::from_secs(10),
                },
            ],
        }
    }
}

#[derive(Debug)]
struct Window {
    start: Instant,
    count: u32,
}

/// The counters.
#[derive(Debug)]
pub(crate) struct Limiter {
    limits: Option<RateLimits>,
    windows: Mutex<HashMap<String, Window>>,
}

/// The result for one request: a 429 to send, or headers to add to the real answer.
pub(crate) enum Verdict {
    Allowed(Option<(Bucket, u32, Duration)>),
    Limited(Response),
}

impl Limiter {
    pub(crate) fn new(limits: Option<RateLimits>) -> Self {
        Self {
            limits,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request; `path` supplies the major parameter (the first id in it).
    pub(crate) fn check(&self, method: &str, template: &str, path: &str) -> Verdict {
        let Some(limits) = &self.limits else {
            return Verdict::Allowed(None);
        };
        let exempt = template.starts_with("/interactions/") || template.starts_with("/webhooks/");
        let route = format!("{method} {template}");
        let now = Instant::now();
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut take =
            |key: String, limit: u32, per: Duration| -> Result<(u32, Duration), Duration> {
                let w = windows.entry(key).or_insert(Window {
                    start: now,
                    count: 0,
                });
                if now.duration_since(w.start) >= per {
                    *w = Window {
                        start: now,
                        count: 0,
                    };
                }
                let reset_after = per.saturating_sub(now.duration_since(w.start));
                if w.count >= limit {
                    return Err(reset_after);
                }
                w.count += 1;
                Ok((limit - w.count, reset_after))
            };
        if !exempt {
            if let Err(wait) = take(
                "global".into(),
                limits.global_per_second,
                Duration::from_secs(1),
            ) {
                return Verdict::Limited(crate::faults::rate_limited(template, wait, true));
            }
        }
        let Some(bucket) = limits.buckets.iter().find(|b| b.route == route) else {
            return Verdict::Allowed(None);
        };
        let major = path
            .split('/')
            .find(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("");
        match take(format!("{route} {major}"), bucket.limit, bucket.per) {
            Ok((remaining, reset_after)) => {
                Verdict::Allowed(Some((bucket.clone(), remaining, reset_after)))
            }
            Err(wait) => Verdict::Limited(crate::faults::rate_limited(template, wait, false)),
        }
    }
}

/// Adds `X-RateLimit-*` headers for the bucket a request counted against.
pub(crate) fn add_headers(
    response: &mut Response,
    bucket: &Bucket,
    remaining: u32,
    reset_after: Duration,
) {
    let h = response.headers_mut();
    let value =
        |s: String| HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static("0"));
    h.insert("x-ratelimit-limit", value(bucket.limit.to_string()));
    h.insert("x-ratelimit-remaining", value(remaining.to_string()));
    h.insert(
        "x-ratelimit-reset-after",
        value(format!("{:.3}", reset_after.as_secs_f64())),
    );
    h.insert(
        "x-ratelimit-bucket",
        value(crate::faults::bucket_hash(&bucket.route)),
    );
}
