//! `loadtest --database-url`: a scratch PostgreSQL database of the run's own on the given
//! server (created, then dropped), so every run starts empty and leaves nothing behind.

use tokio_postgres::NoTls;

use crate::config::DatabaseUrl;

/// A database created for one run; [`Scratch::drop_database`] removes it.
pub struct Scratch {
    /// The scratch database's URL (the server's, with another database name).
    pub url: DatabaseUrl,
    server: DatabaseUrl,
    name: String,
}

impl Scratch {
    /// Creates `craftdesk_loadtest_<pid>` on the server `server` names (its user must be
    /// allowed to create databases).
    pub async fn create(server: &DatabaseUrl) -> anyhow::Result<Self> {
        let name = format!("craftdesk_loadtest_{}", std::process::id());
        let admin = connect(server).await?;
        // Left by an earlier run of the same pid that stopped half-way.
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .map_err(|err| {
                let reason = err.as_db_error().map_or_else(|| err.to_string(), |db| db.message().to_owned());
                anyhow::anyhow!("cannot create the database {name} on {server}: {reason} (the user needs CREATEDB)")
            })?;
        let url = server
            .with_database(&name)
            .map_err(|err| anyhow::anyhow!("the server's URL {err}"))?;
        Ok(Self {
            url,
            server: server.clone(),
            name,
        })
    }

    /// How much disk the database takes now.
    pub async fn size_bytes(&self) -> anyhow::Result<u64> {
        let client = connect(&self.url).await?;
        let size: i64 = client
            .query_one("SELECT pg_database_size(current_database())", &[])
            .await?
            .try_get(0)?;
        Ok(u64::try_from(size).unwrap_or(0))
    }

    pub async fn drop_database(self) -> anyhow::Result<()> {
        let admin = connect(&self.server).await?;
        admin
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .await?;
        Ok(())
    }
}

async fn connect(url: &DatabaseUrl) -> anyhow::Result<tokio_postgres::Client> {
    let (client, connection) = tokio_postgres::connect(url.expose(), NoTls)
        .await
        .map_err(|err| anyhow::anyhow!("cannot connect to {url}: {err}"))?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}
