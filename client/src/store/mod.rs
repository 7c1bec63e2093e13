//! The local SQLite file: opening (optionally SQLCipher-keyed), the schema, and the one-row
//! `meta` table (client id, cursor, next outbox seq, HLC state). Synchronous; callers keep
//! each use short and never hold the connection across an `.await`.

pub(crate) mod mirror;
pub(crate) mod outbox;

use std::path::PathBuf;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::ClientError;
use lifeos_proto::HlcState;

const SCHEMA_VERSION: i64 = 1;

/// Where the mirror lives.
#[derive(Debug, Clone, Default)]
pub(crate) enum Location {
    #[default]
    Memory,
    Path(PathBuf),
}

/// How to open the store.
#[derive(Debug, Default)]
pub(crate) struct StoreOptions {
    pub location: Location,
    #[cfg(feature = "sqlcipher")]
    pub key: Option<secrecy::SecretString>,
}

/// The client's identity and sync position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Meta {
    pub client_id: String,
    pub cursor: Option<String>,
    pub next_seq: i64,
    pub hlc: HlcState,
}

/// Opens (creating if needed) the store; `new_client_id` runs only for a fresh file.
pub(crate) fn open(options: &StoreOptions, new_client_id: impl FnOnce() -> String) -> Result<Connection, ClientError> {
    let mut conn = match &options.location {
        Location::Memory => Connection::open_in_memory()?,
        Location::Path(path) => Connection::open(path)?,
    };
    #[cfg(feature = "sqlcipher")]
    if let Some(key) = &options.key {
        use secrecy::ExposeSecret;
        // Must be the first statement on the connection.
        conn.pragma_update(None, "key", key.expose_secret())?;
    }
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    migrate(&mut conn, new_client_id)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection, new_client_id: impl FnOnce() -> String) -> Result<(), ClientError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    match version {
        SCHEMA_VERSION => Ok(()),
        0 => {
            let tx = conn.transaction()?;
            tx.execute_batch(include_str!("schema.sql"))?;
            tx.execute(
                "INSERT INTO meta (singleton, client_id, cursor, next_seq, hlc_millis, hlc_counter)
                 VALUES (1, ?1, NULL, 1, 0, 0)",
                params![new_client_id()],
            )?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
            Ok(())
        }
        other => Err(ClientError::Corrupt(format!("unknown local schema version {other}"))),
    }
}

pub(crate) fn meta(conn: &Connection) -> Result<Meta, ClientError> {
    conn.query_row(
        "SELECT client_id, cursor, next_seq, hlc_millis, hlc_counter FROM meta WHERE singleton = 1",
        [],
        |row| {
            Ok(Meta {
                client_id: row.get(0)?,
                cursor: row.get(1)?,
                next_seq: row.get(2)?,
                hlc: HlcState { millis: row.get(3)?, counter: row.get(4)? },
            })
        },
    )
    .optional()?
    .ok_or_else(|| ClientError::Corrupt("the meta row is missing".into()))
}

pub(crate) fn set_cursor(conn: &Connection, cursor: Option<&str>) -> Result<(), ClientError> {
    conn.execute("UPDATE meta SET cursor = ?1 WHERE singleton = 1", params![cursor])?;
    Ok(())
}

pub(crate) fn set_clock(conn: &Connection, next_seq: i64, hlc: HlcState) -> Result<(), ClientError> {
    conn.execute(
        "UPDATE meta SET next_seq = ?1, hlc_millis = ?2, hlc_counter = ?3 WHERE singleton = 1",
        params![next_seq, hlc.millis, hlc.counter],
    )?;
    Ok(())
}
