//! Waiting for something the bot does in its own time: poll a check until it holds, with a
//! deadline, instead of a fixed sleep or a hand-written loop.
//!
//! The clock is tokio's, so a test on a paused clock polls on virtual time.

use std::time::Duration;

/// How often a check is polled.
const POLL: Duration = Duration::from_millis(10);

/// Polls `check` until it returns `Ok`, and returns that value. After `within`, the test
/// fails with the check's last `Err`, which says what was awaited and what was seen.
pub async fn eventually<T>(
    within: Duration,
    mut check: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let failed = match check().await {
            Ok(done) => return done,
            Err(failed) => failed,
        };
        assert!(
            tokio::time::Instant::now() < deadline,
            "not within {within:?}: {failed}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Polls `holds` until it is `true`; after `within`, the test fails with `what`.
pub async fn eventually_true(within: Duration, what: &str, mut holds: impl FnMut() -> bool) {
    eventually(within, async || {
        if holds() {
            Ok(())
        } else {
            Err(what.to_owned())
        }
    })
    .await;
}
