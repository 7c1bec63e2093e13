-- 500,000 events for the rebuild benchmark: 400k NoteCreated over 5 workspaces, then 100k
-- NoteUpdated. Run on a migrated, empty database (see BENCHMARKS.md).
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT 'Note', w || ':' || id, 1, 'NoteCreated', '1',
       json_build_object('Created', json_build_object('workspace_id', w, 'id', id, 'at', '2026-01-01T00:00:00Z',
           'fields', json_build_object('title', 'note ' || i, 'body', 'some body text ' || i, 'pinned', false, 'tags', json_build_array('a', 'b')))),
       json_build_object('workspace_id', w, 'actor', 'bench', 'request_id', 'seed')
  FROM (SELECT i, 'W' || (i % 5) AS w, lpad(i::text, 26, '0') AS id FROM generate_series(1, 400000) i) s;

INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT 'Note', w || ':' || id, 2, 'NoteUpdated', '1',
       json_build_object('Updated', json_build_object('changes', json_build_object('title', 'renamed ' || i), 'at', '2026-01-02T00:00:00Z')),
       json_build_object('workspace_id', w, 'actor', 'bench', 'request_id', 'seed')
  FROM (SELECT i, 'W' || (i % 5) AS w, lpad(i::text, 26, '0') AS id FROM generate_series(1, 100000) i) s;
