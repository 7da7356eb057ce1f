//! `requests` and `request_events`: submitted requests, numbered per guild, and the
//! append-only history of every change to them.

use std::time::Duration;

use super::{on_backend, Store, StoreError};
use crate::domain::{RequestStatus, RequestSummary, SessionKey, Snowflake, Timestamp};

/// A request to store, built from a finished flow.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub guild_id: Snowflake,
    pub user_id: Snowflake,
    pub character_id: Option<i64>,
    pub character_name: String,
    pub profession: String,
    pub gear_slot: String,
    pub item: String,
    pub quantity: u32,
    pub notes: String,
    /// The material plan, as JSON (`flow::request::Plan`).
    pub material_plan: String,
    /// Every material line, as JSON (`Vec<flow::request::MaterialLine>`).
    pub materials_json: String,
}

/// The limits checked when a request is submitted.
#[derive(Debug, Clone, Copy)]
pub struct SubmitLimits {
    pub max_open_requests: u32,
    /// Submissions a member may make at once (parallel flows confirmed in a row).
    pub burst: u32,
    /// Past the burst, submissions a member may make a minute.
    pub per_minute: u32,
}

impl SubmitLimits {
    /// Limits that never refuse for pace, only for the open-request count.
    #[must_use]
    pub const fn unpaced(max_open_requests: u32) -> Self {
        Self {
            max_open_requests,
            burst: u32::MAX,
            per_minute: u32::MAX,
        }
    }

    /// The time one submission's allowance takes to come back.
    fn interval(self) -> Duration {
        Duration::from_secs(60) / self.per_minute.max(1)
    }

    /// How far back a member's submissions count towards [`SubmitLimits::wait_before`].
    #[must_use]
    pub fn lookback(self) -> Duration {
        self.interval()
            .checked_mul(self.burst.saturating_mul(2))
            .unwrap_or(Duration::MAX)
    }

    /// A token bucket of `burst` submissions that refills one every minute / `per_minute`
    /// (GCRA), replayed over the member's submission times `recent` (those within
    /// [`SubmitLimits::lookback`], any order): `None` when one more may be made at `now`,
    /// else how long to wait.
    #[must_use]
    pub fn wait_before(self, recent: &mut [i64], now: Timestamp) -> Option<Duration> {
        let interval = i64::try_from(self.interval().as_millis()).unwrap_or(i64::MAX);
        recent.sort_unstable();
        let count = recent.len();
        // The bucket is empty until `full_at`: the latest of each submission's time plus one
        // interval for it and every submission after it.
        let full_at = recent
            .iter()
            .enumerate()
            .map(|(index, &at)| {
                let from_here = i64::try_from(count - index).unwrap_or(i64::MAX);
                at.saturating_add(interval.saturating_mul(from_here))
            })
            .max()?;
        let spare = interval.saturating_mul(i64::from(self.burst.saturating_sub(1)));
        let ready_at = full_at.saturating_sub(spare);
        (ready_at > now.as_millis())
            .then(|| Duration::from_millis(u64::try_from(ready_at - now.as_millis()).unwrap_or(0)))
    }

    /// The refusal for a member who must wait `wait` before submitting again.
    #[must_use]
    pub fn too_soon(wait: Duration) -> StoreError {
        let seconds = u64::try_from(wait.as_millis().div_ceil(1_000)).unwrap_or(u64::MAX);
        StoreError::Limit(crate::domain::Limit::TooSoon { seconds })
    }
}

/// A stored request, as the board shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: i64,
    pub number: u32,
    pub guild_id: Snowflake,
    pub user_id: Snowflake,
    pub character_name: String,
    pub profession: String,
    pub gear_slot: String,
    pub item: String,
    pub quantity: u32,
    pub quantity_completed: u32,
    pub notes: String,
    pub material_plan: String,
    pub materials_json: String,
    pub status: RequestStatus,
    pub claimed_by: Option<Snowflake>,
    pub reason: Option<String>,
    pub board_message_id: Option<Snowflake>,
    pub created_at: Timestamp,
}

/// One entry of a request's history (`request_events`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestEvent {
    pub actor_id: Snowflake,
    pub action: String,
    pub note: Option<String>,
    pub at: Timestamp,
}

/// A change of a request's status, decided by `flow::board`, applied only if the request
/// is still as it was read (status, claimer, completed quantity).
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub expected_status: RequestStatus,
    pub expected_claimed_by: Option<Snowflake>,
    pub expected_completed: u32,
    pub status: RequestStatus,
    pub claimed_by: Option<Snowflake>,
    pub quantity_completed: u32,
    pub reason: Option<String>,
    pub event: &'static str,
    pub note: Option<String>,
}

impl StoredRequest {
    /// `request` as just submitted: stored as `id`, numbered `number`, open.
    pub(super) fn submitted(id: i64, number: u32, request: NewRequest, now: Timestamp) -> Self {
        Self {
            id,
            number,
            guild_id: request.guild_id,
            user_id: request.user_id,
            character_name: request.character_name,
            profession: request.profession,
            gear_slot: request.gear_slot,
            item: request.item,
            quantity: request.quantity,
            quantity_completed: 0,
            notes: request.notes,
            material_plan: request.material_plan,
            materials_json: request.materials_json,
            status: RequestStatus::Open,
            claimed_by: None,
            reason: None,
            board_message_id: None,
            created_at: now,
        }
    }
}

impl Store {
    /// Stores a request and ends the flow that made it, in one transaction, only if the
    /// flow is still at `session_version` (so a double click submits once). Checks the
    /// member's open-request limit and submission pace ([`SubmitLimits`]).
    pub async fn submit_request(
        &self,
        session: &SessionKey,
        session_version: i64,
        request: NewRequest,
        limits: SubmitLimits,
        now: Timestamp,
    ) -> Result<StoredRequest, StoreError> {
        on_backend!(self, db => db.submit_request(session, session_version, request, limits, now))
    }

    /// Remembers the board message that shows a request.
    pub async fn set_board_message(
        &self,
        request_id: i64,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.set_board_message(request_id, channel, message))
    }

    /// A member's requests in a guild, newest first.
    pub async fn member_requests(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Vec<RequestSummary>, StoreError> {
        on_backend!(self, db => db.member_requests(guild, user))
    }

    /// Cancels a member's own open requests; returns the numbers actually cancelled.
    pub async fn cancel_member_requests(
        &self,
        guild: Snowflake,
        user: Snowflake,
        numbers: Vec<u32>,
        now: Timestamp,
    ) -> Result<Vec<u32>, StoreError> {
        on_backend!(self, db => db.cancel_member_requests(guild, user, numbers, now))
    }

    /// One request by its guild-local number.
    pub async fn request_by_number(
        &self,
        guild: Snowflake,
        number: u32,
    ) -> Result<Option<StoredRequest>, StoreError> {
        on_backend!(self, db => db.request_by_number(guild, number))
    }

    /// A guild's pending requests in these professions, oldest first (at most 1,000).
    pub async fn pending_requests(
        &self,
        guild: Snowflake,
        professions: Vec<String>,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        on_backend!(self, db => db.pending_requests(guild, professions))
    }

    /// The history of a request, by its guild-local number, oldest first.
    pub async fn request_events_for(
        &self,
        guild: Snowflake,
        number: u32,
    ) -> Result<Vec<RequestEvent>, StoreError> {
        on_backend!(self, db => db.request_events_for(guild, number))
    }

    /// How many requests a guild has, per status (for reports and metrics).
    pub async fn count_requests(
        &self,
        guild: Snowflake,
    ) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
        on_backend!(self, db => db.count_requests(guild))
    }

    /// How many requests each status holds, across every guild (for the metrics).
    pub async fn count_requests_by_status(&self) -> Result<Vec<(RequestStatus, u64)>, StoreError> {
        on_backend!(self, db => db.count_requests_by_status())
    }

    /// Applies `change` to request `number` with compare-and-swap: when two crafters press
    /// Claim at once exactly one wins; the other gets `Conflict`. Records the event.
    pub async fn change_request(
        &self,
        guild: Snowflake,
        number: u32,
        change: StatusChange,
        actor: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.change_request(guild, number, change, actor, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: SubmitLimits = SubmitLimits {
        max_open_requests: 10,
        burst: 3,
        per_minute: 6,
    };

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_millis(seconds * 1_000)
    }

    #[test]
    fn a_burst_passes_at_once_then_the_pace_holds() {
        let now = at(1_000);
        let ms = now.as_millis();
        assert_eq!(LIMITS.wait_before(&mut [], now), None);
        assert_eq!(LIMITS.wait_before(&mut [ms], now), None);
        assert_eq!(LIMITS.wait_before(&mut [ms, ms], now), None);
        // The fourth in a row waits one interval (60 s / 6).
        assert_eq!(
            LIMITS.wait_before(&mut [ms, ms, ms], now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(LIMITS.wait_before(&mut [ms, ms, ms], at(1_010)), None);
        // Sustained: one every 10 s passes, faster does not.
        let steady: Vec<i64> = (0..6).map(|i| (1_000 + 10 * i) * 1_000).collect();
        assert_eq!(LIMITS.wait_before(&mut steady.clone(), at(1_060)), None);
        assert_eq!(
            LIMITS.wait_before(&mut [ms, ms, ms, ms + 10_000], at(1_011)),
            Some(Duration::from_secs(9))
        );
    }

    #[test]
    fn old_submissions_free_the_whole_burst_and_order_does_not_matter() {
        let old = at(0).as_millis();
        assert_eq!(LIMITS.wait_before(&mut [old, old, old], at(30)), None);
        let mut shuffled = [at(5).as_millis(), at(0).as_millis(), at(5).as_millis()];
        assert_eq!(
            LIMITS.wait_before(&mut shuffled, at(5)),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn unpaced_limits_never_wait() {
        let now = at(7);
        let mut many = vec![now.as_millis(); 100];
        assert_eq!(SubmitLimits::unpaced(10).wait_before(&mut many, now), None);
        assert!(SubmitLimits::unpaced(10).lookback() <= Duration::from_secs(120));
    }
}
