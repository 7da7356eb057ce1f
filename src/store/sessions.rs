//! `temp_sessions`: the scratch state of each request flow, one row per flow.
//!
//! A session is saved with compare-and-swap on `version` (a stale writer gets
//! [`StoreError::Conflict`] and never overwrites), touched only when its activity stamp is
//! older than the touch threshold, and expired in small chunks by the indexed
//! `expires_at`, so no write lock is held for long. The times that follow from the session
//! policy (expiry, the touch threshold) are worked out here, once for every backend.

use super::{on_backend, Store, StoreError};
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::flow::step::FlowState;

/// A flow's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub key: SessionKey,
    pub user_id: Snowflake,
    pub guild_id: Snowflake,
    pub kind: String,
    pub state_json: String,
    pub version: i64,
    pub channel_id: Option<Snowflake>,
    pub message_id: Option<Snowflake>,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
}

impl Session {
    /// The row a backend has just inserted for `new` under `key` (version 0, no message yet).
    pub(crate) fn inserted(
        key: SessionKey,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Self {
        Self {
            key,
            user_id: new.user_id,
            guild_id: new.guild_id,
            kind: new.kind,
            state_json: new.state_json,
            version: 0,
            channel_id: new.channel_id,
            message_id: None,
            created_at: now,
            last_seen_at: now,
            expires_at,
        }
    }

    /// The flow this session runs, and where it stands.
    pub fn state(&self) -> Result<FlowState, StoreError> {
        FlowState::from_stored(&self.kind, &self.state_json)
            .map_err(|e| StoreError::Corrupt(format!("session {} ({}): {e}", self.key, self.kind)))
    }
}

/// What is needed to start a flow.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub user_id: Snowflake,
    pub guild_id: Snowflake,
    pub kind: String,
    pub state_json: String,
    pub channel_id: Option<Snowflake>,
}

impl NewSession {
    /// A flow of `user` in `guild`, starting in `state` (in `channel` when it has one).
    pub fn flow(
        user_id: Snowflake,
        guild_id: Snowflake,
        state: &FlowState,
        channel_id: Option<Snowflake>,
    ) -> Result<Self, StoreError> {
        let (kind, state_json) = state
            .to_stored()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Self {
            user_id,
            guild_id,
            kind: kind.to_owned(),
            state_json,
            channel_id,
        })
    }
}

/// One open flow of a member, as listed by [`Store::open_sessions_for_user`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    pub key: SessionKey,
    pub kind: String,
    pub channel_id: Option<Snowflake>,
    pub message_id: Option<Snowflake>,
    pub last_seen_at: Timestamp,
}

/// A session removed by expiry: enough to tell its member and tidy its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredSession {
    pub key: SessionKey,
    pub user_id: Snowflake,
    pub guild_id: Snowflake,
    pub channel_id: Option<Snowflake>,
    pub message_id: Option<Snowflake>,
}

impl Store {
    /// Starts a flow. Its key is `req_<userId>_<now>`; when that key is taken (two flows of
    /// one member in the same millisecond) the next free millisecond is used.
    pub async fn create_session(
        &self,
        new: NewSession,
        now: Timestamp,
    ) -> Result<Session, StoreError> {
        let expires_at = now.saturating_add(self.policy.ttl);
        on_backend!(self, db => db.create_session(new, now, expires_at))
    }

    /// Starts a flow unless the member already has `max_open` live (unexpired) flows of
    /// its kind in the guild: then [`StoreError::TooManyOpen`]. The count and the insert are
    /// one transaction, so members starting flows concurrently cannot pass the limit.
    pub async fn create_session_within(
        &self,
        new: NewSession,
        now: Timestamp,
        max_open: u32,
    ) -> Result<Session, StoreError> {
        let expires_at = now.saturating_add(self.policy.ttl);
        on_backend!(self, db => db.create_session_within(new, now, expires_at, max_open))
    }

    /// Opens a view (status, register, queue): the member's one live session of that kind
    /// in the guild is restarted with `new`'s state (new version and expiry), or created;
    /// other sessions of the kind are removed. Opening a view again never piles up rows.
    pub async fn open_single_session(
        &self,
        new: NewSession,
        now: Timestamp,
    ) -> Result<Session, StoreError> {
        let expires_at = now.saturating_add(self.policy.ttl);
        on_backend!(self, db => db.open_single_session(new, now, expires_at))
    }

    /// Loads a flow, or `None` when it does not exist (expired, finished, or never was).
    pub async fn session(&self, key: &SessionKey) -> Result<Option<Session>, StoreError> {
        on_backend!(self, db => db.session(key))
    }

    /// Saves a flow's next state if it is still at `expected_version`; returns the new
    /// version. A stale writer (a double click, a replayed interaction) gets `Conflict`;
    /// a flow that no longer exists, `NotFound`.
    pub async fn save_session(
        &self,
        key: &SessionKey,
        expected_version: i64,
        state_json: String,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let expires_at = now.saturating_add(self.policy.ttl);
        on_backend!(self, db => db.save_session(key, expected_version, state_json, now, expires_at))
    }

    /// Records where a flow's message lives (set once the message is posted).
    pub async fn set_session_message(
        &self,
        key: &SessionKey,
        channel_id: Snowflake,
        message_id: Snowflake,
    ) -> Result<bool, StoreError> {
        on_backend!(self, db => db.set_session_message(key, channel_id, message_id))
    }

    /// Marks activity, writing only when the stored stamp is older than the touch
    /// threshold (hot flows don't write on every click). Returns whether it wrote.
    pub async fn touch_session(
        &self,
        key: &SessionKey,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let stale_before = now.saturating_sub(self.policy.touch_threshold);
        let expires_at = now.saturating_add(self.policy.ttl);
        on_backend!(self, db => db.touch_session(key, now, stale_before, expires_at))
    }

    /// A member's live (unexpired at `now`) flows in a guild, oldest first.
    pub async fn open_sessions_for_user(
        &self,
        guild_id: Snowflake,
        user_id: Snowflake,
        now: Timestamp,
    ) -> Result<Vec<SessionSummary>, StoreError> {
        on_backend!(self, db => db.open_sessions_for_user(guild_id, user_id, now))
    }

    /// Deletes many flows in one statement; returns how many existed.
    pub async fn delete_sessions(&self, keys: &[SessionKey]) -> Result<usize, StoreError> {
        if keys.is_empty() {
            return Ok(0);
        }
        on_backend!(self, db => db.delete_sessions(keys))
    }

    /// Deletes up to `chunk` flows whose `expires_at` is at or before `now`, in one short
    /// transaction, and returns them. Call it again until it returns fewer than `chunk`.
    pub async fn expire_sessions_chunk(
        &self,
        now: Timestamp,
        chunk: usize,
    ) -> Result<Vec<ExpiredSession>, StoreError> {
        let limit = i64::try_from(chunk).unwrap_or(i64::MAX);
        on_backend!(self, db => db.expire_sessions_chunk(now, limit))
    }

    /// Expires every flow idle past its TTL, `chunk` rows per transaction, yielding between
    /// chunks so other writes interleave; returns what it removed.
    pub async fn expire_sessions(
        &self,
        now: Timestamp,
        chunk: usize,
    ) -> Result<Vec<ExpiredSession>, StoreError> {
        let chunk = chunk.max(1);
        let mut removed = Vec::new();
        loop {
            let batch = self.expire_sessions_chunk(now, chunk).await?;
            let done = batch.len() < chunk;
            removed.extend(batch);
            if done {
                return Ok(removed);
            }
            tokio::task::yield_now().await;
        }
    }

    /// How many flows are stored (for metrics and reports).
    pub async fn count_sessions(&self) -> Result<u64, StoreError> {
        on_backend!(self, db => db.count_sessions())
    }
}
