-- Offline sync: exactly-once pushes. Each device (client_id) numbers its mutations; the last
-- applied number and every applied mutation's result are written in the same transaction as
-- the mutation's events, so a retried push applies nothing twice and answers the same.
-- Written only by pushChanges; never by a projection (they are not derived from events).

CREATE TABLE sync_clients
(
    workspace_id text        NOT NULL,
    client_id    text        NOT NULL,
    user_id      text        NOT NULL,
    last_seq     bigint      NOT NULL CHECK (last_seq >= 0),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, client_id)
);

CREATE TABLE sync_mutations
(
    workspace_id text        NOT NULL,
    client_id    text        NOT NULL,
    seq          bigint      NOT NULL,
    result       jsonb       NOT NULL,
    applied_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, client_id, seq)
);
