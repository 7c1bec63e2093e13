-- The event store: postgres-es's `events` and `snapshots` tables, designed for a gap-free,
-- commit-ordered global feed (DESIGN-NOTES §1) from day one.
--
-- postgres-es names its INSERT columns, so the extra columns below fill themselves:
--   global_position  assigned at INSERT (not commit) time: a tie-breaker, never a cursor alone;
--   transaction_id   the writing transaction; feed readers only take rows whose transaction is
--                    older than every running one, ordered by (transaction_id, global_position);
--   recorded_at      commit-side wall clock, for auditors;
--   workspace_id     lifted from the event metadata: every event belongs to exactly one
--                    workspace (NOT NULL enforces it), and leads the per-workspace feed index.
CREATE TABLE events
(
    aggregate_type  text                         NOT NULL,
    aggregate_id    text                         NOT NULL,
    sequence        bigint CHECK (sequence >= 0) NOT NULL,
    event_type      text                         NOT NULL,
    event_version   text                         NOT NULL,
    payload         json                         NOT NULL,
    metadata        json                         NOT NULL,
    global_position bigint GENERATED ALWAYS AS IDENTITY,
    transaction_id  xid8                         NOT NULL DEFAULT pg_current_xact_id(),
    recorded_at     timestamptz                  NOT NULL DEFAULT now(),
    workspace_id    text GENERATED ALWAYS AS (metadata ->> 'workspace_id') STORED NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id, sequence)
);

-- The global feed: (transaction_id, global_position) is the cursor.
CREATE UNIQUE INDEX events_feed_idx ON events (transaction_id, global_position);
-- The per-workspace feed (audit log, sync catch-up), workspace first.
CREATE INDEX events_workspace_feed_idx ON events (workspace_id, transaction_id, global_position);

-- Events are append-only: history is never edited or removed.
CREATE FUNCTION events_are_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only();

-- Snapshots (postgres-es): derived data, replaced as aggregates grow; never the source of truth.
CREATE TABLE snapshots
(
    aggregate_type   text                                 NOT NULL,
    aggregate_id     text                                 NOT NULL,
    last_sequence    bigint CHECK (last_sequence >= 0)    NOT NULL,
    current_snapshot bigint CHECK (current_snapshot >= 0) NOT NULL,
    payload          json                                 NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id, last_sequence)
);
