-- The local mirror (schema version 1). One file = one (server, account, workspace).

-- Server rows as last pulled: kernel columns + the kind's fields as one JSON object.
CREATE TABLE entities
(
    entity_type TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    deleted_at  TEXT,
    version     INTEGER NOT NULL,
    fields      TEXT    NOT NULL CHECK (json_valid(fields)),
    PRIMARY KEY (entity_type, id)
) WITHOUT ROWID;

-- Exactly one row: who this client is and how far it has synced.
CREATE TABLE meta
(
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    client_id   TEXT    NOT NULL,
    cursor      TEXT,
    next_seq    INTEGER NOT NULL,
    hlc_millis  INTEGER NOT NULL,
    hlc_counter INTEGER NOT NULL
);

-- Mutations not yet acknowledged by the server, in the order they were made.
CREATE TABLE outbox
(
    seq               INTEGER PRIMARY KEY,
    mutation_id       TEXT NOT NULL UNIQUE,
    entity_type       TEXT NOT NULL,
    entity_id         TEXT NOT NULL,
    op                TEXT NOT NULL CHECK (op IN ('UPSERT', 'DELETE', 'RESTORE')),
    fields            TEXT CHECK (fields IS NULL OR json_valid(fields)),
    base_version      INTEGER,
    hlc               TEXT NOT NULL,
    client_updated_at TEXT NOT NULL
);
CREATE INDEX outbox_by_entity ON outbox (entity_type, entity_id, seq);

-- Mutations the server refused as invalid (dropped from the outbox, kept for the user).
CREATE TABLE rejected
(
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
