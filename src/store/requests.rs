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
    pub cooldown: Duration,
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
    /// member's open-request limit and submission cooldown.
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
