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
        name: &'static str,
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
        name: &'static str,
        holder: String,
    ) -> Result<(), StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .await?;
        client.execute(&stmt, &[&name, &holder]).await?;
        Ok(())
    }
}
