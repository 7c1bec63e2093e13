-- Parked streams: a projection that cannot apply an event (a value its tables cannot hold, a
-- payload it cannot decode) parks that event's stream here and goes on with every other
-- stream. Later events of a parked stream are held (not applied) until an operator's repair
-- request (`lifeosd projections retry|skip`, an event in the feed) re-applies them in order.
-- Written only by projectors; keyed by workspace first like every other table.
CREATE TABLE projection_parked
(
    workspace_id    text        NOT NULL,
    projection      text        NOT NULL,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    -- the first event of the stream the projection could not apply
    sequence        bigint      NOT NULL,
    transaction_id  bigint      NOT NULL,
    global_position bigint      NOT NULL,
    event_type      text        NOT NULL,
    error           text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 1,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, projection, aggregate_type, aggregate_id)
);
CREATE INDEX projection_parked_by_projection ON projection_parked (projection);

-- The aggregate types a projection reads (NULL: all), written by its projector at start, so
-- its lag counts only events it handles (readiness and `lifeosd projections status`).
ALTER TABLE projection_checkpoints ADD COLUMN handles text[];
