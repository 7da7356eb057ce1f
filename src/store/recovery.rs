//! What a restart after a crash needs to find: flows whose message was never recorded,
//! requests whose board post was never recorded, and the request a flow already made.
//!
//! Each of these is a step a killed process did not get to: the store committed one write
//! and the next never came. Startup reconciliation and the flow handler use them to pick
//! up where the dead process stopped.

use super::{on_backend, Store, StoreError, StoredRequest};
use crate::domain::{SessionKey, Snowflake, Timestamp};

impl Store {
    /// Flows with a channel but no recorded message, started before `before`: (key,
    /// channel). Their process died between creating them and recording their message.
    pub async fn sessions_without_message(
        &self,
        before: Timestamp,
    ) -> Result<Vec<(SessionKey, Snowflake)>, StoreError> {
        on_backend!(self, db => db.sessions_without_message(before))
    }

    /// The request a flow submitted, if it did (its session is gone then).
    pub async fn request_for_session(
        &self,
        key: &SessionKey,
    ) -> Result<Option<StoredRequest>, StoreError> {
        on_backend!(self, db => db.request_for_session(key))
    }

    /// A guild's requests submitted through a flow since `since` that have no board message
    /// recorded, oldest first, at most `limit`. (Imported requests never had one and are
    /// not listed.)
    pub async fn requests_missing_from_board(
        &self,
        guild: Snowflake,
        since: Timestamp,
        limit: usize,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        on_backend!(self, db => db.requests_missing_from_board(guild, since, limit))
    }
}
