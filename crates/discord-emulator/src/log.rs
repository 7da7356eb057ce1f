//! The request log: every REST call the bot made, with its route template, body, status and latency.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;

/// One REST call as the emulator saw it.
#[derive(Debug, Clone)]
pub struct LoggedCall {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Method and route template, e.g. `POST /channels/{channel_id}/messages`.
    pub route: String,
    /// The concrete path, e.g. `/channels/123/messages`.
    pub path: String,
    /// The JSON body (for multipart, the `payload_json` part).
    pub body: Option<Value>,
    pub status: u16,
    /// Discord's error `code` when the call failed.
    pub error_code: Option<u32>,
    /// Time spent in the emulator, including injected latency.
    pub latency: Duration,
    /// When the request arrived (for measuring a bot's pace).
    pub at: Instant,
    /// What the OpenAPI request schema says is wrong with the body.
    pub schema_violations: Vec<String>,
    /// Whether an injected fault answered it.
    pub faulted: bool,
}

impl LoggedCall {
    /// `POST /channels/1/messages → 400 (50035)`.
    #[must_use]
    pub fn summary(&self) -> String {
        let mut s = format!("{} {} → {}", self.method, self.path, self.status);
        if let Some(code) = self.error_code {
            let _ = write!(s, " ({code})");
        }
        s
    }
}

/// A position in the log; see [`RequestLog::calls_since`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark(usize);

#[derive(Debug, Default)]
struct Calls {
    /// The most recent calls, at most `capacity`.
    window: VecDeque<LoggedCall>,
    /// How many calls fell out of the window (so marks stay absolute).
    dropped: usize,
    /// Calls that broke the schema, kept even when they leave the window.
    violations: Vec<LoggedCall>,
    /// 401, 403 and 429 answers (Discord bans an IP past 10,000 of them in 10 minutes).
    invalid: usize,
}

impl Calls {
    fn since(&self, mark: Mark) -> impl Iterator<Item = &LoggedCall> {
        self.window.iter().skip(mark.0.saturating_sub(self.dropped))
    }
}

/// Every REST call, in arrival order (the last `EmulatorOptions::log_capacity` of them).
#[derive(Debug)]
pub struct RequestLog {
    calls: Mutex<Calls>,
    capacity: usize,
}

impl RequestLog {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            calls: Mutex::new(Calls::default()),
            capacity: capacity.max(1),
        }
    }

    pub(crate) fn record(&self, call: LoggedCall) {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(call.status, 401 | 403 | 429) {
            calls.invalid += 1;
        }
        if !call.schema_violations.is_empty() && calls.violations.len() < 10_000 {
            calls.violations.push(call.clone());
        }
        if calls.window.len() == self.capacity {
            calls.window.pop_front();
            calls.dropped += 1;
        }
        calls.window.push_back(call);
    }

    fn with<T>(&self, f: impl FnOnce(&Calls) -> T) -> T {
        f(&self.calls.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// All calls still in the log.
    #[must_use]
    pub fn calls(&self) -> Vec<LoggedCall> {
        self.with(|c| c.window.iter().cloned().collect())
    }

    /// The number of calls so far (including those that left the window).
    #[must_use]
    pub fn len(&self) -> usize {
        self.with(|c| c.dropped + c.window.len())
    }

    /// Whether no call was made yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current end of the log.
    #[must_use]
    pub fn mark(&self) -> Mark {
        Mark(self.len())
    }

    /// Calls made after `mark`.
    #[must_use]
    pub fn calls_since(&self, mark: Mark) -> Vec<LoggedCall> {
        self.with(|c| c.since(mark).cloned().collect())
    }

    /// Calls made after `mark`, counted per route (`"POST /channels/{channel_id}/messages" → 3`).
    #[must_use]
    pub fn counts_since(&self, mark: Mark) -> BTreeMap<String, usize> {
        self.with(|c| {
            let mut counts = BTreeMap::new();
            for call in c.since(mark) {
                *counts.entry(call.route.clone()).or_insert(0) += 1;
            }
            counts
        })
    }

    /// The most calls to `route` that arrived within any interval of length `window` (by
    /// arrival time): what a rate limit on that route would have seen at its busiest.
    #[must_use]
    pub fn busiest(&self, route: &str, window: Duration) -> usize {
        busiest_in(self.calls_to(route).iter().map(|c| c.at).collect(), window)
    }

    /// The most calls that count against Discord's global limit (every route but interaction
    /// callbacks and webhooks) that arrived within any interval of length `window`, from
    /// every client of the emulator together (several bot processes of one bot).
    #[must_use]
    pub fn busiest_global(&self, window: Duration) -> usize {
        let at = self.with(|c| {
            c.window
                .iter()
                .filter(|call| counts_against_global_limit(&call.route))
                .map(|call| call.at)
                .collect()
        });
        busiest_in(at, window)
    }

    /// Calls to one route (`"POST /channels/{channel_id}/messages"`) still in the log.
    #[must_use]
    pub fn calls_to(&self, route: &str) -> Vec<LoggedCall> {
        self.with(|c| {
            c.window
                .iter()
                .filter(|call| call.route == route)
                .cloned()
                .collect()
        })
    }

    /// Calls whose body broke the OpenAPI request schema (all of them, up to 10,000); tests can assert
    /// this is empty.
    #[must_use]
    pub fn schema_violations(&self) -> Vec<LoggedCall> {
        self.with(|c| c.violations.clone())
    }

    /// Calls answered with an error status (4xx/5xx), faults included, still in the log.
    #[must_use]
    pub fn failures(&self) -> Vec<LoggedCall> {
        self.with(|c| {
            c.window
                .iter()
                .filter(|call| call.status >= 400)
                .cloned()
                .collect()
        })
    }

    /// How many calls still in the log were answered with `status` (e.g. 429).
    #[must_use]
    pub fn count_status(&self, status: u16) -> usize {
        self.with(|c| c.window.iter().filter(|call| call.status == status).count())
    }

    /// How many calls got 401, 403 or 429 (Discord bans an IP past 10,000 in 10 minutes).
    #[must_use]
    pub fn invalid_request_count(&self) -> usize {
        self.with(|c| c.invalid)
    }

    /// The last `n` calls as one line each, for error messages.
    #[must_use]
    pub fn describe_last(&self, n: usize) -> String {
        self.with(|c| {
            let start = c.window.len().saturating_sub(n);
            let lines: Vec<String> = c
                .window
                .iter()
                .skip(start)
                .map(LoggedCall::summary)
                .collect();
            if lines.is_empty() {
                "the bot made no REST call yet".to_owned()
            } else {
                format!("the bot's last calls were: {}", lines.join("; "))
            }
        })
    }
}

/// Whether a call to `route` (`"POST /interactions/{interaction_id}/..."`) counts against
/// Discord's global 50 calls/s: interaction callbacks and webhooks do not.
fn counts_against_global_limit(route: &str) -> bool {
    let template = route
        .split_once(' ')
        .map_or(route, |(_, template)| template);
    !(template.starts_with("/interactions/") || template.starts_with("/webhooks/"))
}

/// The most of `at` within any interval of length `window`.
fn busiest_in(mut at: Vec<Instant>, window: Duration) -> usize {
    at.sort_unstable();
    let mut most = 0;
    let mut start = 0;
    for end in 0..at.len() {
        while at[end].duration_since(at[start]) >= window {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interaction_answers_do_not_count_against_the_global_limit() {
        assert!(counts_against_global_limit(
            "POST /channels/{channel_id}/messages"
        ));
        assert!(counts_against_global_limit("DELETE /channels/{channel_id}"));
        assert!(!counts_against_global_limit(
            "POST /interactions/{interaction_id}/{interaction_token}/callback"
        ));
        assert!(!counts_against_global_limit(
            "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original"
        ));
    }

    #[test]
    fn the_busiest_window_counts_arrivals_less_than_a_window_apart() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        // 0, 100, 900 | 1000 (a second after the first), 1050, 1950.
        let arrivals = vec![at(1_950), at(0), at(100), at(900), at(1_000), at(1_050)];
        assert_eq!(busiest_in(arrivals, Duration::from_secs(1)), 4);
        assert_eq!(busiest_in(Vec::new(), Duration::from_secs(1)), 0);
    }
}
