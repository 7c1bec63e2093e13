-- Fasting (issue: habits & fasting): kernel rows of Fast. A user's fasts never overlap; that
-- rule is decided by the FastLog rule aggregate on the command path, not by an index here.
CREATE TABLE fasts
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    user_id              text        NOT NULL,
    started_at           timestamptz,
    ended_at             timestamptz,
    protocol             text        NOT NULL,
    goal_hours           text,
    note                 text        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX fasts_created_idx ON fasts (workspace_id, created_at, id);
CREATE INDEX fasts_updated_idx ON fasts (workspace_id, updated_at, id);
CREATE INDEX fasts_user_started_idx ON fasts (workspace_id, user_id, started_at);
