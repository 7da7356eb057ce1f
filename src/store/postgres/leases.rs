//! Leases on PostgreSQL (see `store::leases`).

use super::Postgres;
use crate::domain::Timestamp;
use crate::store::leases::TRY_LEASE;
use crate::store::sql::{self, pg};
use crate::store::StoreError;

impl Postgres {
    pub(in crate::store) async fn try_lease(
        &self,
        name: String,
        holder: String,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.run("try_lease", async |client| {
            let stmt = client.prepare_cached(pg!(TRY_LEASE)).await?;
            let taken = client
                .query_opt(
                    &stmt,
                    &[&name, &holder, &until.as_millis(), &now.as_millis()],
                )
                .await?;
            Ok(taken.is_some())
        })
        .await
    }

    pub(in crate::store) async fn release_lease(
        &self,
        name: String,
        holder: String,
    ) -> Result<(), StoreError> {
        self.run("release_lease", async |client| {
            let stmt = client.prepare_cached(pg!(sql::RELEASE_LEASE)).await?;
            client.execute(&stmt, &[&name, &holder]).await?;
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn lease_holder(
        &self,
        name: String,
    ) -> Result<Option<(String, Timestamp)>, StoreError> {
        self.run("lease_holder", async |client| {
            let stmt = client.prepare_cached(pg!(sql::LEASE_HOLDER)).await?;
            let row = client.query_opt(&stmt, &[&name]).await?;
            row.map(|r| Ok((r.try_get(0)?, Timestamp::from_millis(r.try_get(1)?))))
                .transpose()
        })
        .await
    }

    pub(in crate::store) async fn prune_leases(
        &self,
        before: Timestamp,
    ) -> Result<usize, StoreError> {
        self.run("prune_leases", async |client| {
            let stmt = client.prepare_cached(pg!(sql::PRUNE_LEASES)).await?;
            let deleted = client.execute(&stmt, &[&before.as_millis()]).await?;
            Ok(usize::try_from(deleted).unwrap_or(usize::MAX))
        })
        .await
    }
}
