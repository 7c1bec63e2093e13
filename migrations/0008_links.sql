-- Links: typed, directed relations between two entities of a workspace (kind `Link`).
-- The endpoint columns lead the secondary indexes that `links(fromId:)` / `links(toId:)` use.
CREATE TABLE links
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    from_type    text        NOT NULL,
    from_id      text        NOT NULL,
    to_type      text        NOT NULL,
    to_id        text        NOT NULL,
    relation     text        NOT NULL,
    note         text        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

CREATE INDEX links_from ON links (workspace_id, from_id, relation);
CREATE INDEX links_to ON links (workspace_id, to_id, relation);
