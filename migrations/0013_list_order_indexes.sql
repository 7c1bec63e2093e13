-- List pages are ordered index walks whatever the statistics (db/src/plan.rs rules out sorts
-- for them): the orderings a person uses that 0011 did not cover get their index — notes and
-- tasks by title, tasks by status, priority and completion, links by last change. Orderings by
-- flags, ids or time zones still sort within the workspace.
CREATE INDEX notes_title_idx ON notes (workspace_id, title, id);
CREATE INDEX tasks_title_idx ON tasks (workspace_id, title, id);
CREATE INDEX tasks_status_order_idx ON tasks (workspace_id, status, id);
CREATE INDEX tasks_priority_idx ON tasks (workspace_id, priority, id);
CREATE INDEX tasks_completed_idx ON tasks (workspace_id, completed_at, id);
CREATE INDEX links_updated_idx ON links (workspace_id, updated_at, id);
