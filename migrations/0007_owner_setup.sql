-- The instance owner and the one-time setup code of the first owner sign-up (account
-- tables, never events). The owner is recorded when they sign up with the setup code (or,
-- for an instance from before this migration, adopted at boot from LIFEOS_OWNER_EMAIL);
-- owner-only operations (the sign-up allowlist) check this row, not the configured email.

CREATE TABLE instance_owner
(
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), -- at most one owner
    user_id   text        NOT NULL UNIQUE REFERENCES users (id),
    since     timestamptz NOT NULL
);

-- At most one live setup code; issuing a new one replaces it. Only its SHA-256 is stored.
CREATE TABLE owner_setup_code
(
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    code_hash  bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
