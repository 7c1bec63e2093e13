//! A fresh database per scenario, dropped afterwards.

use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

pub struct BenchDb {
    pub name: String,
    pub url: String,
    admin: PgConnectOptions,
}

impl BenchDb {
    pub async fn create(admin_url: &str) -> anyhow::Result<Self> {
        let admin = PgConnectOptions::from_str(admin_url)?;
        let name = format!("lifeos_bench_{}", ulid::Ulid::new().to_string().to_lowercase());
        let mut conn = admin.connect().await?;
        sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut conn).await?;
        conn.close().await?;
        let url = format!(
            "postgres://{}@{}:{}/{name}",
            admin.get_username(),
            admin.get_host(),
            admin.get_port()
        );
        Ok(Self { name, url, admin })
    }

    pub async fn drop_now(self) -> anyhow::Result<()> {
        let mut conn = self.admin.connect().await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name)).execute(&mut conn).await?;
        conn.close().await?;
        Ok(())
    }
}
