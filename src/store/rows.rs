//! Turning stored values back into domain types, the same way for every backend: ids,
//! session keys, statuses and counts are checked, and a value that does not fit is
//! [`StoreError::Corrupt`] rather than a panic.

use super::StoreError;
use crate::domain::{RequestStatus, SessionKey, Snowflake};

pub(super) fn corrupt(err: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(err.to_string())
}

pub(super) fn parse_key(text: &str) -> Result<SessionKey, StoreError> {
    SessionKey::parse(text).map_err(corrupt)
}

pub(super) fn id(value: i64) -> Result<Snowflake, StoreError> {
    Snowflake::from_i64(value).map_err(corrupt)
}

pub(super) fn optional_id(value: Option<i64>) -> Result<Option<Snowflake>, StoreError> {
    value.map(id).transpose()
}

pub(super) fn status(text: &str) -> Result<RequestStatus, StoreError> {
    RequestStatus::parse(text).ok_or_else(|| StoreError::Corrupt(format!("status {text}")))
}

/// A stored count or quantity (a `BIGINT` on PostgreSQL) as the `u32` the domain uses.
pub(super) fn small(value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{value} is out of range")))
}

/// `(status, count)` rows as the domain's counts; unknown statuses are left out.
pub(super) fn status_counts(
    rows: impl IntoIterator<Item = (String, i64)>,
) -> Vec<(RequestStatus, u64)> {
    rows.into_iter()
        .filter_map(|(status, count)| {
            RequestStatus::parse(&status).map(|s| (s, u64::try_from(count).unwrap_or(0)))
        })
        .collect()
}
