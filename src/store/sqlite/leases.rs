//! Leases on SQLite (see `store::leases`).

use rusqlite::{params, OptionalExtension};

use super::Sqlite;
use crate::domain::Timestamp;
use crate::store::leases::TRY_LEASE;
use crate::store::sql;
use crate::store::StoreError;

impl Sqlite {
    pub(in crate::store) async fn try_lease(
        &self,
        name: String,
        holder: String,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.write("try_lease", move |conn| {
            let taken: Option<String> = conn
                .prepare_cached(TRY_LEASE)?
                .query_row(
                    params![name, holder, until.as_millis(), now.as_millis()],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(taken.is_some())
        })
        .await
    }

    pub(in crate::store) async fn release_lease(
        &self,
        name: String,
        holder: String,
    ) -> Result<(), StoreError> {
        self.write("release_lease", move |conn| {
            conn.prepare_cached(sql::RELEASE_LEASE)?
                .execute(params![name, holder])?;
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn lease_holder(
        &self,
        name: String,
    ) -> Result<Option<(String, Timestamp)>, StoreError> {
        self.read("lease_holder", move |conn| {
            Ok(conn
                .prepare_cached(sql::LEASE_HOLDER)?
                .query_row(params![name], |r| {
                    Ok((r.get(0)?, Timestamp::from_millis(r.get(1)?)))
                })
                .optional()?)
        })
        .await
    }

    pub(in crate::store) async fn prune_leases(
        &self,
        before: Timestamp,
    ) -> Result<usize, StoreError> {
        self.write("prune_leases", move |conn| {
            Ok(conn
                .prepare_cached(sql::PRUNE_LEASES)?
                .execute(params![before.as_millis()])?)
        })
        .await
    }
}
