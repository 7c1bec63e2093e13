-- Analytics projection `activity_daily`: per workspace, UTC day and entity type, how many
-- entities were created, updated (incl. transitions and restores) and deleted.
CREATE TABLE activity_daily
(
    workspace_id text   NOT NULL,
    day          date   NOT NULL,
    entity_type  text   NOT NULL,
    created      bigint NOT NULL,
    updated      bigint NOT NULL,
    deleted      bigint NOT NULL,
    PRIMARY KEY (workspace_id, day, entity_type)
);
