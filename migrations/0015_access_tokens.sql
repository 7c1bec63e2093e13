-- Personal access tokens for scripts and the CLI: like sessions, only the SHA-256 of the
-- token is stored. A token is scoped per workspace (READ or WRITE); its rights are the lesser
-- of its scope and its user's role there, decided on every request. Never events: secrets do
-- not belong in immutable history.
CREATE TABLE access_tokens
(
    id           text PRIMARY KEY,              -- ULID, shown to the user
    user_id      text        NOT NULL REFERENCES users (id),
    name         text        NOT NULL,
    token_hash   bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,                   -- NULL: until revoked
    revoked_at   timestamptz
);
CREATE INDEX access_tokens_user_idx ON access_tokens (user_id, created_at);

CREATE TABLE access_token_scopes
(
    token_id     text NOT NULL REFERENCES access_tokens (id),
    workspace_id text NOT NULL,
    access       text NOT NULL CHECK (access IN ('READ', 'WRITE')),
    PRIMARY KEY (token_id, workspace_id)
);
