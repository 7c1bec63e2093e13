-- Kernel-row read tables for the four primitives, and the sync_log change feed. Written only
-- by the `kernel` projection (one batch = one transaction with its checkpoint). Every table
-- leads its primary key with workspace_id (Citus-ready). Kernel columns: workspace_id, id,
-- created_at, updated_at, deleted_at, version (= the entity's event count); then fields.

CREATE TABLE notes
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    pinned       boolean     NOT NULL,
    tags         text[]      NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

CREATE TABLE tasks
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    title        text        NOT NULL,
    notes        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('OPEN', 'DONE', 'CANCELLED')),
    priority     text        NOT NULL CHECK (priority IN ('NONE', 'LOW', 'MEDIUM', 'HIGH')),
    due_at       timestamptz,
    completed_at timestamptz,
    parent_id    text,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX tasks_parent_idx ON tasks (workspace_id, parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE people
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    display_name text        NOT NULL,
    emails       text[]      NOT NULL,
    phones       text[]      NOT NULL,
    birthday     date,
    notes        text        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

CREATE TABLE places
(
    workspace_id text             NOT NULL,
    id           text             NOT NULL,
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,
    deleted_at   timestamptz,
    version      bigint           NOT NULL,
    name         text             NOT NULL,
    address      text             NOT NULL,
    latitude     double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude    double precision CHECK (longitude BETWEEN -180 AND 180),
    radius_m     integer          CHECK (radius_m >= 0),
    PRIMARY KEY (workspace_id, id)
);

-- One row per entity change (= per event), in feed order; what sync clients pull.
CREATE TABLE sync_log
(
    workspace_id    text        NOT NULL,
    transaction_id  bigint      NOT NULL,
    global_position bigint      NOT NULL,
    entity_type     text        NOT NULL,
    entity_id       text        NOT NULL,
    version         bigint      NOT NULL,
    op              text        NOT NULL CHECK (op IN ('upsert', 'delete')),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, global_position)
);
CREATE INDEX sync_log_feed_idx ON sync_log (workspace_id, transaction_id, global_position);
