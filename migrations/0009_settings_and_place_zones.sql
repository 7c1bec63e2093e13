-- Settings: one row per (workspace, user) (kind `Settings`; id = the natural id of the user).
CREATE TABLE settings
(
    workspace_id         text        NOT NULL,
    id                   text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    deleted_at           timestamptz,
    version              bigint      NOT NULL,
    user_id              text        NOT NULL,
    time_zone            text,
    day_start_hour       integer     NOT NULL,
    base_currency        text,
    budget_period        text        NOT NULL,
    budget_period_anchor date,
    PRIMARY KEY (workspace_id, id)
);

-- A place's IANA time zone.
ALTER TABLE places ADD COLUMN time_zone text;
