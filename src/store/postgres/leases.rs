//! Leases on PostgreSQL (see `store::leases`).

use super::Postgres;
use crate::domain::Timestamp;
use crate::store::leases::TRY_LEASE;
use crate::store::StoreError;

impl Postgres {
    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "try_lease")
    )]
    pub(in crate::store) async fn try_lease(
        &self,
        name: String,
        holder: String,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let client = self.client().await?;
        let sql = TRY_LEASE
            .replace("?1", "$1")
            .replace("?2", "$2")
            .replace("?3", "$3")
            .replace("?4", "$4");
        let stmt = client.prepare_cached(&sql).await?;
        let taken = client
            .query_opt(
                &stmt,
                &[&name, &holder, &until.as_millis(), &now.as_millis()],
            )
            .await?;
        Ok(taken.is_some())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "release_lease")
    )]
    pub(in crate::store) async fn release_lease(
        &self,
        name: String,
        holder: String,
    ) -> Result<(), StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .await?;
        client.execute(&stmt, &[&name, &holder]).await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "lease_holder")
    )]
    pub(in crate::store) async fn lease_holder(
        &self,
        name: String,
    ) -> Result<Option<(String, Timestamp)>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT holder, expires_at FROM leases WHERE name = $1")
            .await?;
        let row = client.query_opt(&stmt, &[&name]).await?;
        row.map(|r| Ok((r.try_get(0)?, Timestamp::from_millis(r.try_get(1)?))))
            .transpose()
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "prune_leases")
    )]
    pub(in crate::store) async fn prune_leases(
        &self,
        before: Timestamp,
    ) -> Result<usize, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("DELETE FROM leases WHERE expires_at < $1")
            .await?;
        let deleted = client.execute(&stmt, &[&before.as_millis()]).await?;
        Ok(usize::try_from(deleted).unwrap_or(usize::MAX))
    }
}
