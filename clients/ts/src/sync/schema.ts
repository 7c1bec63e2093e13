//! The local database's schema (version 1): the same tables as the Rust reference client's
//! mirror, plus the workspace the file belongs to and the encryption salt and key check.
//! Content columns hold JSON, or sealed text when the mirror is encrypted (`seal.ts`).

export const SCHEMA_VERSION = 1;

export const SCHEMA = `
-- Server rows as last pulled: kernel columns + the kind's fields as one JSON object.
CREATE TABLE entities (
  entity_type TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  deleted_at  TEXT,
  version     INTEGER NOT NULL,
  fields      TEXT    NOT NULL,
  PRIMARY KEY (entity_type, id)
) WITHOUT ROWID;

-- Exactly one row: who this device is, where it syncs to and how far it has got.
CREATE TABLE meta (
  singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
  client_id    TEXT    NOT NULL,
  workspace_id TEXT,
  cursor       TEXT,
  next_seq     INTEGER NOT NULL,
  hlc_millis   INTEGER NOT NULL,
  hlc_counter  INTEGER NOT NULL,
  key_salt     TEXT,
  key_check    TEXT
);

-- Mutations not yet acknowledged by the server, in the order they were made.
CREATE TABLE outbox (
  seq               INTEGER PRIMARY KEY,
  mutation_id       TEXT NOT NULL UNIQUE,
  entity_type       TEXT NOT NULL,
  entity_id         TEXT NOT NULL,
  op                TEXT NOT NULL CHECK (op IN ('UPSERT', 'DELETE', 'RESTORE')),
  fields            TEXT,
  base_version      INTEGER,
  hlc               TEXT NOT NULL,
  client_updated_at TEXT NOT NULL
);
CREATE INDEX outbox_by_entity ON outbox (entity_type, entity_id, seq);

-- Mutations the server refused as invalid (out of the outbox, kept for the user).
CREATE TABLE rejected (
  seq               INTEGER PRIMARY KEY,
  mutation_id       TEXT NOT NULL UNIQUE,
  entity_type       TEXT NOT NULL,
  entity_id         TEXT NOT NULL,
  op                TEXT NOT NULL,
  fields            TEXT,
  base_version      INTEGER,
  hlc               TEXT NOT NULL,
  client_updated_at TEXT NOT NULL,
  code              TEXT NOT NULL,
  field             TEXT,
  message           TEXT NOT NULL
);
`;
