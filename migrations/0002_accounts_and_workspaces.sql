-- Accounts (ordinary tables: credentials and sessions are secrets and never enter the
-- immutable event log), the projector runtime's checkpoints, and the workspace read model
-- projected from the event-sourced Workspace aggregate.

-- Instance-level account tables (not workspace data).
CREATE TABLE users
(
    id                    text PRIMARY KEY,            -- ULID
    email                 text        NOT NULL UNIQUE, -- normalised: trimmed, lower-case
    password_hash         text        NOT NULL,        -- argon2id PHC string (salt inside)
    display_name          text        NOT NULL,
    personal_workspace_id text        NOT NULL UNIQUE,
    created_at            timestamptz NOT NULL
);

CREATE TABLE signup_allowlist
(
    email      text PRIMARY KEY,
    added_at   timestamptz NOT NULL,
    added_by   text        -- user id, or NULL when added from the shell
);

CREATE TABLE sessions
(
    id           text PRIMARY KEY,              -- ULID, shown to the user
    user_id      text        NOT NULL REFERENCES users (id),
    token_hash   bytea       NOT NULL UNIQUE,   -- SHA-256 of the 256-bit token; the token itself is never stored
    label        text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at);

-- Projector runtime: one row per named projection; the cursor into the global feed is
-- (last_transaction_id, last_position), written in the same transaction as the rows.
CREATE TABLE projection_checkpoints
(
    projection          text PRIMARY KEY,
    last_transaction_id xid8        NOT NULL DEFAULT '0',
    last_position       bigint      NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Wake projectors when events commit (NOTIFY is delivered at commit); they also poll.
CREATE FUNCTION notify_events_committed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('lifeos_events', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER events_notify
    AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_committed();

-- Workspace read model (projection `workspaces`).
CREATE TABLE workspaces
(
    workspace_id text PRIMARY KEY,
    name         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('personal', 'shared')),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL
);

CREATE TABLE workspace_members
(
    workspace_id text        NOT NULL,
    user_id      text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- The per-user directory of memberships (an account table keyed by user, so that `me`
-- never scans across workspaces); written by the same projection in the same transaction.
CREATE TABLE user_workspaces
(
    user_id      text NOT NULL,
    workspace_id text NOT NULL,
    role         text NOT NULL,
    PRIMARY KEY (user_id, workspace_id)
);
