-- The orders and filters lists use most (the `notes`, `tasks`, `people`, `places`, `links`
-- connections): oldest first (the default: created_at, then id), by last change (ordering by
-- `updatedAt`, and `updatedAfter` — "what changed since"), and the domain orders a person
-- asks for first (tasks by due date and by status, people and places by name). Every list is
-- one workspace's, so every index leads with workspace_id; ties are broken by id.
CREATE INDEX notes_created_idx ON notes (workspace_id, created_at, id);
CREATE INDEX notes_updated_idx ON notes (workspace_id, updated_at, id);
CREATE INDEX tasks_created_idx ON tasks (workspace_id, created_at, id);
CREATE INDEX tasks_updated_idx ON tasks (workspace_id, updated_at, id);
CREATE INDEX tasks_due_idx ON tasks (workspace_id, due_at, id);
CREATE INDEX tasks_status_idx ON tasks (workspace_id, status, created_at, id);
CREATE INDEX people_created_idx ON people (workspace_id, created_at, id);
CREATE INDEX people_updated_idx ON people (workspace_id, updated_at, id);
CREATE INDEX people_name_idx ON people (workspace_id, display_name, id);
CREATE INDEX places_created_idx ON places (workspace_id, created_at, id);
CREATE INDEX places_updated_idx ON places (workspace_id, updated_at, id);
CREATE INDEX places_name_idx ON places (workspace_id, name, id);
CREATE INDEX links_created_idx ON links (workspace_id, created_at, id);
