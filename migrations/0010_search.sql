-- Ids unique across kinds within a workspace, and full-text search.
--
-- `entity_ids` is write side (like `events`): the command path inserts an entity's row in the
-- same transaction as its first events. The primary key makes it race-free: of two creates of
-- one id as two kinds, the second waits on the key, finds the other kind and is refused.
-- `node(id:)` resolves an id's kind here.
CREATE TABLE entity_ids
(
    workspace_id text NOT NULL,
    id           text NOT NULL,
    entity_type  text NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

-- Entities created before this migration: the first creator of an id (by feed order) owns it.
-- These are the entity kinds registered at this migration; kinds added later are claimed by
-- the command path from their first create on.
INSERT INTO entity_ids (workspace_id, id, entity_type)
SELECT workspace_id, substr(aggregate_id, length(workspace_id) + 2), aggregate_type
  FROM events
 WHERE sequence = 1
   AND aggregate_type IN ('Note', 'Task', 'Person', 'Place', 'Link', 'Settings')
   AND aggregate_id LIKE workspace_id || ':%'
 ORDER BY global_position
ON CONFLICT (workspace_id, id) DO NOTHING;

-- One text-search document per entity of a kind with searchable fields, written by the kernel
-- projection from the fields the kind declares `search` (the first one weighted A, the others
-- B), `simple` configuration (no stemming, no stop words: language-neutral). `document` is
-- NULL while the entity is deleted, so it matches nothing; `content` is the text it was built
-- from (for the hits' snippets). Rebuilt with the kernel projection.
CREATE TABLE search_documents
(
    workspace_id text   NOT NULL,
    entity_type  text   NOT NULL,
    id           text   NOT NULL,
    version      bigint NOT NULL,
    document     tsvector,
    content      text,
    PRIMARY KEY (workspace_id, entity_type, id)
);

CREATE INDEX search_documents_document ON search_documents USING gin (document);

-- Entities projected before this migration: their documents are built by
-- `lifeosd rebuild kernel` (the projection writes them from then on).
