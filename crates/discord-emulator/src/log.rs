//! The request log: every REST call the bot made, with its route template, body, status and latency.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

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

/// Every REST call, in arrival order.
#[derive(Debug, Default)]
pub struct RequestLog {
    calls: Mutex<Vec<LoggedCall>>,
}

impl RequestLog {
    pub(crate) fn record(&self, call: LoggedCall) {
        if let Ok(mut calls) = self.calls.lock() {
            calls.push(call);
        }
    }

    fn with<T>(&self, f: impl FnOnce(&[LoggedCall]) -> T) -> T {
        match self.calls.lock() {
            Ok(calls) => f(&calls),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    /// All calls so far.
    #[must_use]
    pub fn calls(&self) -> Vec<LoggedCall> {
        self.with(<[LoggedCall]>::to_vec)
    }

    /// The number of calls so far.
    #[must_use]
    pub fn len(&self) -> usize {
        self.with(<[LoggedCall]>::len)
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
        self.with(|calls| {
            calls
                .get(mark.0..)
                .map(<[LoggedCall]>::to_vec)
                .unwrap_or_default()
        })
    }

    /// Calls made after `mark`, counted per route (`"POST /channels/{channel_id}/messages" → 3`).
    #[must_use]
    pub fn counts_since(&self, mark: Mark) -> BTreeMap<String, usize> {
        self.with(|calls| {
            let mut counts = BTreeMap::new();
            for c in calls.get(mark.0..).unwrap_or_default() {
                *counts.entry(c.route.clone()).or_insert(0) += 1;
            }
            counts
        })
    }

    /// Calls to one route (`"POST /channels/{channel_id}/messages"`) so far.
    #[must_use]
    pub fn calls_to(&self, route: &str) -> Vec<LoggedCall> {
        self.with(|calls| calls.iter().filter(|c| c.route == route).cloned().collect())
    }

    /// Calls whose body broke the OpenAPI request schema; tests can assert this is empty.
    #[must_use]
    pub fn schema_violations(&self) -> Vec<LoggedCall> {
        self.with(|calls| {
            calls
                .iter()
                .filter(|c| !c.schema_violations.is_empty())
                .cloned()
                .collect()
        })
    }

    /// Calls answered with an error status (4xx/5xx), faults included.
    #[must_use]
    pub fn failures(&self) -> Vec<LoggedCall> {
        self.with(|calls| calls.iter().filter(|c| c.status >= 400).cloned().collect())
    }

    /// The last `n` calls as one line each, for error messages.
    #[must_use]
    pub fn describe_last(&self, n: usize) -> String {
        self.with(|calls| {
            let start = calls.len().saturating_sub(n);
            let lines: Vec<String> = calls[start..].iter().map(LoggedCall::summary).collect();
            if lines.is_empty() {
                "the bot made no REST call yet".to_owned()
            } else {
                format!("the bot's last calls were: {}", lines.join("; "))
            }
        })
    }
}
