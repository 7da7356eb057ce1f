//! Every REST call to Discord passes through [`Rest`]: it waits its turn (the bot's global
//! pace, and for channel creations and deletions the guild's channel pace), is counted in
//! the metrics by route and status, and its 401/403/429 answers are counted against
//! Discord's invalid-request limit. serenity has no hook for every call, so call sites go
//! through [`Rest::call`] or [`Rest::with_retry`].
//!
//! Interaction answers (callbacks, edits of the original response) are not paced: Discord
//! does not count them against the global limit, and they must arrive within 3 s.
//!
//! Below this pace, serenity's own rate limiter honours Discord's per-route and global
//! buckets (`X-RateLimit-*`) and retries 429s after `Retry-After`; each wait it imposes is
//! reported here ([`limiter_waited`]) and counted against the call that suffered it.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::config::{DiscordConfig, ShardRange};
use crate::domain::Snowflake;
use crate::pace::{InvalidRequests, Pacer, Priority};
use crate::retry::{with_backoff, Backoff};

pub const INTERACTION_CALLBACK: &str =
    "POST /interactions/{interaction_id}/{interaction_token}/callback";
pub const EDIT_ORIGINAL: &str =
    "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original";
pub const GATEWAY_BOT: &str = "GET /gateway/bot";
pub const FOLLOWUP: &str = "POST /webhooks/{application_id}/{interaction_token}";
pub const CREATE_MESSAGE: &str = "POST /channels/{channel_id}/messages";
pub const CHANNEL_MESSAGES: &str = "GET /channels/{channel_id}/messages";
pub const GET_MESSAGE: &str = "GET /channels/{channel_id}/messages/{message_id}";
pub const EDIT_MESSAGE: &str = "PATCH /channels/{channel_id}/messages/{message_id}";
pub const DELETE_MESSAGE: &str = "DELETE /channels/{channel_id}/messages/{message_id}";
pub const PIN_MESSAGE: &str = "PUT /channels/{channel_id}/pins/{message_id}";
pub const CREATE_CHANNEL: &str = "POST /guilds/{guild_id}/channels";
pub const GUILD_CHANNELS: &str = "GET /guilds/{guild_id}/channels";
pub const DELETE_CHANNEL: &str = "DELETE /channels/{channel_id}";
pub const EDIT_CHANNEL: &str = "PATCH /channels/{channel_id}";
pub const GET_MEMBER: &str = "GET /guilds/{guild_id}/members/{user_id}";
pub const CREATE_DM: &str = "POST /users/@me/channels";
pub const CURRENT_USER: &str = "GET /users/@me";
pub const GUILD_COMMANDS: &str = "PUT /applications/{application_id}/guilds/{guild_id}/commands";
pub const GLOBAL_COMMANDS: &str = "PUT /applications/{application_id}/commands";

/// Which pace a call waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// An interaction answer: not paced.
    Interaction,
    /// Any other call: the global pace.
    Global(Priority),
    /// Creating or deleting a channel in this guild: the guild's channel pace, then the
    /// global one.
    ChannelOp(Snowflake, Priority),
}

/// The paces and counters one bot's calls share.
#[derive(Debug)]
pub struct Rest {
    global: Pacer,
    channel_ops: Mutex<HashMap<Snowflake, Arc<Pacer>>>,
    channel_ops_per_second: u32,
    channel_op_burst: u32,
    invalid: InvalidRequests,
}

/// Tokens of each burst that background work (cleanup) leaves to members' calls.
const RESERVE_FOR_URGENT: u32 = 2;

impl Rest {
    /// The paces of a process that runs `shards`: its share of the bot's global budget
    /// ([`ShardRange::share_of`]), since Discord counts every process of the bot together.
    #[must_use]
    pub fn new(config: &DiscordConfig, shards: ShardRange) -> Self {
        let budget = shards.share_of(config.requests_per_second, config.request_burst);
        Self {
            global: Pacer::new(budget.per_second, budget.burst, RESERVE_FOR_URGENT),
            channel_ops: Mutex::new(HashMap::new()),
            channel_ops_per_second: config.channel_ops_per_second,
            channel_op_burst: config.channel_op_burst,
            invalid: InvalidRequests::default(),
        }
    }

    fn channel_pacer(&self, guild: Snowflake) -> Arc<Pacer> {
        self.channel_ops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(guild)
            .or_insert_with(|| {
                Arc::new(Pacer::new(
                    f64::from(self.channel_ops_per_second),
                    self.channel_op_burst,
                    RESERVE_FOR_URGENT,
                ))
            })
            .clone()
    }

    /// Waits until a call in `lane` may go.
    pub async fn pace(&self, lane: Lane) {
        let waited = match lane {
            Lane::Interaction => return,
            Lane::Global(priority) => self.global.acquire(priority).await,
            Lane::ChannelOp(guild, priority) => {
                let pacer = self.channel_pacer(guild);
                pacer.acquire(priority).await + self.global.acquire(priority).await
            }
        };
        if waited > Duration::ZERO {
            crate::metrics::paced(lane_label(lane), waited);
        }
    }

    /// Records one call's result under `route` (Discord's route template, as above).
    pub fn observe<T>(&self, route: &'static str, result: &serenity::Result<T>) {
        let status = status_of(result);
        if let Some(status) = status {
            if InvalidRequests::counts(status) {
                self.invalid.record(status);
                crate::metrics::invalid_request(self.invalid.recent());
            }
        }
        let label = match (result, status) {
            (Ok(_), _) => "2xx".to_owned(),
            (Err(_), Some(status)) => status.to_string(),
            (Err(_), None) => "error".to_owned(),
        };
        crate::metrics::rest_call(route, &label);
    }

    /// Paces, runs and observes one call, with the waits serenity's rate limiter imposed
    /// on it.
    pub async fn call<T>(
        &self,
        route: &'static str,
        lane: Lane,
        call: impl Future<Output = serenity::Result<T>>,
    ) -> serenity::Result<T> {
        self.pace(lane).await;
        let waits = Arc::new(AtomicU32::new(0));
        let result = LIMITER_WAITS.scope(waits.clone(), call).await;
        for _ in 0..waits.load(Ordering::Relaxed) {
            self.observe_limiter_wait(route);
        }
        self.observe(route, &result);
        result
    }

    /// serenity's limiter waited once during a call to `route`: a 429 it retried after
    /// `Retry-After`, or a wait for a bucket Discord said was empty. From outside the two
    /// look alike (serenity's callback gets the same fields), so each counts as a 429, in the
    /// metrics and against the invalid-request limit: the count can only err high, which
    /// pauses background work early rather than late. Against the emulator without
    /// `rate_limits`, only 429s make the limiter wait.
    fn observe_limiter_wait(&self, route: &'static str) {
        self.invalid.record(429);
        crate::metrics::invalid_request(self.invalid.recent());
        crate::metrics::rest_call(route, "429");
    }

    /// Runs `call` (paced in `lane`, observed under `route`), repeating it after a 5xx, or
    /// a 429 that reached it, with a backoff of 0.5 s, 1 s, 2 s. serenity's rate limiter
    /// (on against Discord and against the emulator through `[discord.emulator]`) waits out
    /// every 429 that carries `Retry-After` itself, per route and global, and retries it; a
    /// 429 gets here only without that header, or with the limiter off (`api_base`), when
    /// serenity's error does not carry the figure.
    pub async fn with_retry<T, F, Fut>(
        &self,
        route: &'static str,
        lane: Lane,
        mut call: F,
    ) -> serenity::Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = serenity::Result<T>>,
    {
        let backoff = Backoff {
            first: Duration::from_millis(500),
            max: Duration::MAX,
            retries: 3,
        };
        with_backoff(
            backoff,
            || self.call(route, lane, call()),
            |err, attempt| {
                let again = retryable(err);
                if again {
                    tracing::info!(%err, route, attempt, "Discord asked us to slow down; retrying");
                }
                again
            },
        )
        .await
    }

    /// 401, 403 and 429 answers in the last 10 minutes.
    pub fn invalid_requests(&self) -> u64 {
        self.invalid.recent()
    }

    /// Whether non-urgent work should pause: invalid requests are nearing Discord's limit.
    pub fn near_invalid_limit(&self) -> bool {
        self.invalid.near_limit()
    }
}

tokio::task_local! {
    /// How often serenity's rate limiter waited during the call [`Rest::call`] is running.
    static LIMITER_WAITS: Arc<AtomicU32>;
}

/// serenity's rate-limit callback: counts the wait against the call in progress (its
/// callback runs inside that call's task). Calls serenity makes on its own (outside
/// [`Rest::call`]) are only logged.
pub fn limiter_waited(info: &serenity::http::RatelimitInfo) {
    tracing::debug!(
        path = %info.path,
        global = info.global,
        wait_ms = info.timeout.as_millis(),
        "serenity's rate limiter waits"
    );
    let _ = LIMITER_WAITS.try_with(|waits| waits.fetch_add(1, Ordering::Relaxed));
}

fn lane_label(lane: Lane) -> &'static str {
    match lane {
        Lane::Interaction => "interaction",
        Lane::Global(Priority::Answer) => "answer",
        Lane::Global(Priority::Urgent) => "urgent",
        Lane::Global(Priority::Background) => "background",
        Lane::ChannelOp(_, Priority::Answer) => "channel_answer",
        Lane::ChannelOp(_, Priority::Urgent) => "channel_urgent",
        Lane::ChannelOp(_, Priority::Background) => "channel_background",
    }
}

/// The HTTP status of a refused call; `None` for success or no answer.
fn status_of<T>(result: &serenity::Result<T>) -> Option<u16> {
    match result {
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))) => {
            Some(response.status_code.as_u16())
        }
        _ => None,
    }
}

/// Whether a failed call is worth repeating: rate limited (429) or a server error (5xx).
pub fn retryable(err: &serenity::Error) -> bool {
    match err {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => {
            response.status_code.as_u16() == 429 || response.status_code.is_server_error()
        }
        _ => false,
    }
}
