//! Pacing calls to Discord: a token bucket, a pacer that hands its tokens out in order with
//! the hot path first, and the sliding count of invalid requests (Discord bans an IP that
//! makes 10,000 of them in 10 minutes).
//!
//! Everything here reads `tokio::time::Instant`, so it runs (and is tested) on a paused
//! clock; nothing here knows about Discord's types. Why not the `governor` crate: it reads
//! its own clock (`quanta`) and sleeps with `futures-timer`, so it cannot be tested on
//! tokio's paused clock, and it has no notion of priority; what is needed here is about
//! sixty lines.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// A token bucket: `burst` tokens at most, refilled at `per_second`. In any interval of
/// length `t` it lets through at most `burst + per_second · t` takes.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    per_second: f64,
    burst: f64,
    tokens: f64,
    updated: Instant,
}

impl TokenBucket {
    /// A full bucket at `now`. `per_second` and `burst` are raised to sane minimums
    /// (a rate of zero would never refill).
    #[must_use]
    pub fn new(per_second: f64, burst: u32, now: Instant) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            per_second: per_second.max(0.001),
            burst,
            tokens: burst,
            updated: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        self.updated = now;
    }

    /// Takes one token at `now` if that leaves at least `keep` (what is reserved for more
    /// urgent callers); otherwise says how long until it would.
    pub fn try_take(&mut self, now: Instant, keep: f64) -> Result<(), Duration> {
        self.refill(now);
        let needed = 1.0 + keep.min(self.burst - 1.0).max(0.0);
        if self.tokens >= needed {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (needed - self.tokens) / self.per_second;
            // Round up to a whole microsecond so the wait never lands just short.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // positive, small
            let micros = (wait * 1e6).ceil() as u64;
            Err(Duration::from_micros(micros.max(1)))
        }
    }

    /// Tokens available at `now` (for tests and metrics).
    pub fn available(&mut self, now: Instant) -> f64 {
        self.refill(now);
        self.tokens
    }
}

/// Who is asking: a read an answer waits on, the hot path (members' messages), or
/// background work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// A deferred answer waits on this call (re-reading a member's roles before acting on
    /// a DM click): its own line, and the last token, which urgent callers leave to it. It
    /// never queues behind members' messages, so its wait is at most one refill.
    Answer,
    /// Someone is waiting: may take all but the answer's token.
    Urgent,
    /// Cleanup and other chores: leaves [`Pacer::reserve`] tokens for the hot path.
    Background,
}

/// A token bucket shared by many tasks. Callers of one priority queue in order (a fair
/// mutex), so only three tasks at a time watch the bucket; background callers leave a
/// reserve, so the hot path never waits behind a cleanup sweep for more than one refill,
/// and urgent callers leave one token, so an answer's read never waits behind them.
#[derive(Debug)]
pub struct Pacer {
    bucket: Mutex<TokenBucket>,
    reserve: f64,
    /// What urgent callers leave: one token when the burst allows it.
    answer_reserve: f64,
    answer: tokio::sync::Mutex<()>,
    urgent: tokio::sync::Mutex<()>,
    background: tokio::sync::Mutex<()>,
}

impl Pacer {
    /// At most `burst + per_second · t` calls in any interval `t`; background callers
    /// leave `reserve` tokens (at most `burst - 1`) for urgent ones.
    #[must_use]
    pub fn new(per_second: f64, burst: u32, reserve: u32) -> Self {
        Self {
            bucket: Mutex::new(TokenBucket::new(per_second, burst, Instant::now())),
            reserve: f64::from(reserve),
            answer_reserve: if burst > 1 { 1.0 } else { 0.0 },
            answer: tokio::sync::Mutex::new(()),
            urgent: tokio::sync::Mutex::new(()),
            background: tokio::sync::Mutex::new(()),
        }
    }

    /// Waits for a token; returns how long it waited.
    pub async fn acquire(&self, priority: Priority) -> Duration {
        let started = Instant::now();
        let (line, keep) = match priority {
            Priority::Answer => (&self.answer, 0.0),
            Priority::Urgent => (&self.urgent, self.answer_reserve),
            Priority::Background => (&self.background, self.reserve.max(self.answer_reserve)),
        };
        let _turn = line.lock().await;
        loop {
            let taken = self
                .bucket
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .try_take(Instant::now(), keep);
            match taken {
                Ok(()) => return started.elapsed(),
                Err(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// Tokens available now.
    pub fn available(&self) -> f64 {
        self.bucket
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .available(Instant::now())
    }
}

/// Counts events (invalid requests) over a sliding window, in slots of `window / slots`:
/// the count may include up to one slot's worth of events older than the window.
#[derive(Debug)]
pub struct WindowCount {
    slot: Duration,
    slots: usize,
    /// (slot index since `origin`, count), oldest first.
    counts: VecDeque<(u64, u64)>,
    origin: Instant,
}

impl WindowCount {
    #[must_use]
    pub fn new(window: Duration, slots: u32, now: Instant) -> Self {
        let slots = slots.max(1);
        Self {
            slot: (window / slots).max(Duration::from_millis(1)),
            slots: slots as usize,
            counts: VecDeque::new(),
            origin: now,
        }
    }

    fn slot_of(&self, now: Instant) -> u64 {
        let since = now.saturating_duration_since(self.origin).as_nanos();
        u64::try_from(since / self.slot.as_nanos().max(1)).unwrap_or(u64::MAX)
    }

    fn forget_old(&mut self, current: u64) {
        let oldest_kept = current.saturating_sub(self.slots as u64 - 1);
        while self.counts.front().is_some_and(|(s, _)| *s < oldest_kept) {
            self.counts.pop_front();
        }
    }

    /// Records `n` events at `now`.
    pub fn add(&mut self, now: Instant, n: u64) {
        let current = self.slot_of(now);
        self.forget_old(current);
        match self.counts.back_mut() {
            Some((slot, count)) if *slot == current => *count += n,
            _ => self.counts.push_back((current, n)),
        }
    }

    /// Events within the window ending at `now`.
    pub fn count(&mut self, now: Instant) -> u64 {
        self.forget_old(self.slot_of(now));
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// Discord's invalid-request limit: 10,000 responses of 401, 403 or 429 in 10 minutes
/// get the IP banned for a while. craftdesk backs off non-urgent work past
/// [`InvalidRequests::BACK_OFF_AT`].
#[derive(Debug)]
pub struct InvalidRequests {
    window: Mutex<WindowCount>,
}

impl Default for InvalidRequests {
    fn default() -> Self {
        Self {
            window: Mutex::new(WindowCount::new(Self::WINDOW, 60, Instant::now())),
        }
    }
}

impl InvalidRequests {
    /// Discord's window.
    pub const WINDOW: Duration = Duration::from_secs(600);
    /// Discord's limit within the window.
    pub const LIMIT: u64 = 10_000;
    /// Past this many, background work pauses until the count falls again.
    pub const BACK_OFF_AT: u64 = 8_000;

    /// Whether an HTTP status counts as an invalid request.
    #[must_use]
    pub fn counts(status: u16) -> bool {
        matches!(status, 401 | 403 | 429)
    }

    /// Records one response with this status (only invalid ones count).
    pub fn record(&self, status: u16) {
        if Self::counts(status) {
            self.window
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .add(Instant::now(), 1);
        }
    }

    /// Invalid requests in the last 10 minutes.
    pub fn recent(&self) -> u64 {
        self.window
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .count(Instant::now())
    }

    /// Whether background work should wait.
    pub fn near_limit(&self) -> bool {
        self.recent() > Self::BACK_OFF_AT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_bucket_lets_the_burst_through_then_refills_at_its_rate() {
        let t0 = Instant::now();
        let mut bucket = TokenBucket::new(5.0, 3, t0);
        for _ in 0..3 {
            assert_eq!(bucket.try_take(t0, 0.0), Ok(()));
        }
        assert_eq!(bucket.try_take(t0, 0.0), Err(Duration::from_millis(200)));
        let later = t0 + Duration::from_millis(200);
        assert_eq!(bucket.try_take(later, 0.0), Ok(()));
        // Never more than the burst, however long it rests.
        let much_later = later + Duration::from_secs(3_600);
        assert!((bucket.available(much_later) - 3.0).abs() < 1e-9);
    }

    #[tokio::test(start_paused = true)]
    async fn a_background_take_leaves_the_reserve() {
        let t0 = Instant::now();
        let mut bucket = TokenBucket::new(10.0, 4, t0);
        assert_eq!(bucket.try_take(t0, 2.0), Ok(()));
        assert_eq!(bucket.try_take(t0, 2.0), Ok(()));
        // Two left: background must wait for a third, urgent may take them.
        assert_eq!(bucket.try_take(t0, 2.0), Err(Duration::from_millis(100)));
        assert_eq!(bucket.try_take(t0, 0.0), Ok(()));
        assert_eq!(bucket.try_take(t0, 0.0), Ok(()));
        assert!(bucket.try_take(t0, 0.0).is_err());
        // A reserve as large as the burst still lets background work through, slowly.
        let mut tight = TokenBucket::new(1.0, 2, t0);
        assert_eq!(tight.try_take(t0, 99.0), Ok(()));
        assert_eq!(tight.try_take(t0, 99.0), Err(Duration::from_secs(1)));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pacer_keeps_any_second_within_rate_plus_burst() {
        let pacer = std::sync::Arc::new(Pacer::new(10.0, 5, 1));
        let t0 = Instant::now();
        let mut tasks = Vec::new();
        for n in 0..60 {
            let pacer = pacer.clone();
            let priority = if n % 3 == 0 {
                Priority::Urgent
            } else {
                Priority::Background
            };
            tasks.push(tokio::spawn(async move {
                pacer.acquire(priority).await;
                Instant::now()
            }));
        }
        let mut at = Vec::new();
        for task in tasks {
            at.push(task.await.expect("task ran"));
        }
        at.sort();
        // 60 takes at 10/s after a burst of 5: 5.5 s.
        let took = *at.last().expect("60 takes") - t0;
        assert!(took >= Duration::from_millis(5_400), "{took:?}");
        assert!(took <= Duration::from_millis(5_700), "{took:?}");
        for (i, start) in at.iter().enumerate() {
            let within = at[i..]
                .iter()
                .take_while(|t| **t - *start < Duration::from_secs(1))
                .count();
            assert!(within <= 15, "{within} takes in one second from {start:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn urgent_callers_overtake_a_background_queue() {
        let pacer = std::sync::Arc::new(Pacer::new(10.0, 5, 2));
        // A sweep queues 100 background takes (10 s of work).
        let sweep = {
            let pacer = pacer.clone();
            tokio::spawn(async move {
                for _ in 0..100 {
                    pacer.acquire(Priority::Background).await;
                }
            })
        };
        tokio::time::sleep(Duration::from_secs(2)).await;
        let waited = pacer.acquire(Priority::Urgent).await;
        assert!(waited <= Duration::from_millis(100), "{waited:?}");
        sweep.await.expect("sweep ran");
    }

    #[tokio::test(start_paused = true)]
    async fn an_answers_read_overtakes_a_queue_of_urgent_calls() {
        let pacer = std::sync::Arc::new(Pacer::new(10.0, 5, 2));
        // 200 members' messages queue (20 s of work at 10/s).
        let queue: Vec<_> = (0..200)
            .map(|_| {
                let pacer = pacer.clone();
                tokio::spawn(async move { pacer.acquire(Priority::Urgent).await })
            })
            .collect();
        tokio::time::sleep(Duration::from_secs(2)).await;
        let waited = pacer.acquire(Priority::Answer).await;
        assert!(waited <= Duration::from_millis(100), "{waited:?}");
        // Without its own line and token it would wait behind the 180 still queued.
        let urgent = pacer.acquire(Priority::Urgent).await;
        assert!(urgent >= Duration::from_secs(10), "{urgent:?}");
        for call in queue {
            call.await.expect("the queue ran");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_one_leaves_no_token_for_answers() {
        // Nothing to reserve: urgent callers still get every token.
        let pacer = Pacer::new(10.0, 1, 0);
        let waited = pacer.acquire(Priority::Urgent).await;
        assert_eq!(waited, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn the_window_forgets_what_is_older_than_ten_minutes() {
        let t0 = Instant::now();
        let mut window = WindowCount::new(Duration::from_secs(600), 60, t0);
        window.add(t0, 5_000);
        window.add(t0 + Duration::from_secs(300), 4_000);
        assert_eq!(window.count(t0 + Duration::from_secs(301)), 9_000);
        // The first 5,000 leave the window after 10 minutes (give or take one slot).
        assert_eq!(window.count(t0 + Duration::from_secs(611)), 4_000);
        assert_eq!(window.count(t0 + Duration::from_secs(911)), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn invalid_requests_count_401_403_and_429_only_and_warn_past_8000() {
        let invalid = InvalidRequests::default();
        for status in [200, 204, 400, 404, 500, 502] {
            invalid.record(status);
        }
        assert_eq!(invalid.recent(), 0);
        for _ in 0..2_000 {
            invalid.record(401);
            invalid.record(403);
            invalid.record(429);
            invalid.record(429);
        }
        assert_eq!(invalid.recent(), 8_000);
        assert!(!invalid.near_limit());
        invalid.record(429);
        assert!(invalid.near_limit());
        tokio::time::advance(Duration::from_secs(611)).await;
        assert_eq!(invalid.recent(), 0);
        assert!(!invalid.near_limit());
    }
}
