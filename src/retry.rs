//! Retrying a call that failed for a passing reason (a 429, a 5xx), with exponential backoff:
//! the one loop that Discord calls (`discord::rest`), requester notifications and cleanup
//! share. It sleeps on tokio's clock, so tests on a paused clock run it instantly.

use std::future::Future;
use std::time::Duration;

/// How often to retry and how long to wait before each retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The wait before the first retry; each next one waits twice as long.
    pub first: Duration,
    /// No wait is longer than this.
    pub max: Duration,
    /// Retries after the first call (so at most `retries + 1` calls).
    pub retries: u32,
}

impl Backoff {
    /// The wait before retry `retry` (0-based): `min(first · 2ⁿ, max)`.
    #[must_use]
    pub fn delay(&self, retry: u32) -> Duration {
        self.first.saturating_mul(1 << retry.min(20)).min(self.max)
    }
}

/// Runs `call` until it succeeds, fails in a way `retry_after` does not retry (it sees the
/// error and the 0-based retry about to be made, and may log it), or `backoff.retries`
/// retries are spent; returns the last result.
pub async fn with_backoff<T, E, F, Fut>(
    backoff: Backoff,
    mut call: F,
    mut retry_after: impl FnMut(&E, u32) -> bool,
) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut retry = 0;
    loop {
        match call().await {
            Err(err) if retry < backoff.retries && retry_after(&err, retry) => {
                tokio::time::sleep(backoff.delay(retry)).await;
                retry += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    const BACKOFF: Backoff = Backoff {
        first: Duration::from_millis(500),
        max: Duration::from_secs(3),
        retries: 3,
    };

    #[test]
    fn delays_double_up_to_the_cap() {
        let delays: Vec<_> = (0..5).map(|n| BACKOFF.delay(n)).collect();
        assert_eq!(
            delays,
            [500, 1_000, 2_000, 3_000, 3_000].map(Duration::from_millis)
        );
        assert_eq!(BACKOFF.delay(u32::MAX), Duration::from_secs(3));
    }

    /// A script of failures (`None`: success) and a count of the calls made.
    fn scripted(failures: &[Option<&'static str>]) -> (Cell<usize>, Vec<Option<&'static str>>) {
        (Cell::new(0), failures.to_vec())
    }

    #[tokio::test(start_paused = true)]
    async fn passing_failures_are_retried_with_backoff_and_the_last_result_returned() {
        let started = tokio::time::Instant::now();
        let calls = Cell::new(0);
        let result: Result<(), usize> = with_backoff(
            BACKOFF,
            || {
                calls.set(calls.get() + 1);
                std::future::ready(Err(calls.get()))
            },
            |_, _| true,
        )
        .await;
        assert_eq!(result, Err(4), "the first call and three retries");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500 + 1_000 + 2_000)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_that_is_not_retried_or_a_success_ends_at_once() {
        for (script, expected) in [
            (
                scripted(&[Some("passing"), Some("for good"), None]),
                (Err("for good"), 2),
            ),
            (
                scripted(&[Some("passing"), None, Some("passing")]),
                (Ok(1), 2),
            ),
        ] {
            let (calls, failures) = script;
            let result: Result<usize, &str> = with_backoff(
                BACKOFF,
                || {
                    let n = calls.get();
                    calls.set(n + 1);
                    std::future::ready(failures[n].map_or(Ok(n), Err))
                },
                |err, _| *err == "passing",
            )
            .await;
            assert_eq!((result, calls.get()), expected);
        }
    }
}
