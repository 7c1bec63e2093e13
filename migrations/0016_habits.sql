-- Habits (issue: habits with schedules and targets, check-ins per local day, pauses).
-- Kernel rows of the habits kinds (columns from their declarations, domain/src/habits/). Every
-- key leads with workspace_id. A check-in's id is the natural id of (habit, date), so one
-- (habit, date) is one row without a unique index.

-- Habit: what to do and how often.
CREATE TABLE habits
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    name                 text    NOT NULL,
    question             text    NOT NULL,
    kind                 text    NOT NULL,
    unit                 text    NOT NULL,
    target               text,
    target_type          text    NOT NULL,
    schedule             text    NOT NULL,
    freq_num             integer NOT NULL,
    freq_den             integer NOT NULL,
    weekdays             text[]  NOT NULL,
    reminder_times       text[]  NOT NULL,
    parent_id            text,
    archived             boolean NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX habits_created_idx ON habits (workspace_id, created_at, id);
CREATE INDEX habits_updated_idx ON habits (workspace_id, updated_at, id);
CREATE INDEX habits_parent_idx ON habits (workspace_id, parent_id, id);

-- CheckIn: a habit's entry for one local day.
CREATE TABLE check_ins
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    habit_id             text NOT NULL,
    date                 date NOT NULL,
    state                text NOT NULL,
    value                text,
    note                 text NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX check_ins_created_idx ON check_ins (workspace_id, created_at, id);
CREATE INDEX check_ins_updated_idx ON check_ins (workspace_id, updated_at, id);
CREATE INDEX check_ins_habit_date_idx ON check_ins (workspace_id, habit_id, date);

-- Pause: days on which one habit (or every habit) is neither due nor failed.
CREATE TABLE habit_pauses
(
    workspace_id text        NOT NULL,
    id           text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    version      bigint      NOT NULL,
    habit_id             text,
    starts_on            date NOT NULL,
    ends_on              date NOT NULL,
    reason               text NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX habit_pauses_created_idx ON habit_pauses (workspace_id, created_at, id);
CREATE INDEX habit_pauses_updated_idx ON habit_pauses (workspace_id, updated_at, id);

-- The `habit_stats` projection: its copy of the habits entities it folds, every habit's days
-- from its first check-in to its last (Loop's score, streaks, the day's mark), and the fold's
-- state after the last day, so a read goes on to today without the history.
CREATE TABLE habit_entities
(
    workspace_id text    NOT NULL,
    entity_type  text    NOT NULL,
    id           text    NOT NULL,
    fields       jsonb   NOT NULL,
    deleted      boolean NOT NULL,
    PRIMARY KEY (workspace_id, entity_type, id)
);
CREATE INDEX habit_entities_habit_idx ON habit_entities (workspace_id, entity_type, (fields ->> 'habitId'));

CREATE TABLE habit_days
(
    workspace_id text             NOT NULL,
    habit_id     text             NOT NULL,
    date         date             NOT NULL,
    score        double precision NOT NULL,
    streak       integer          NOT NULL,
    best_streak  integer          NOT NULL,
    met          boolean,
    state        text,
    value        text,
    PRIMARY KEY (workspace_id, habit_id, date)
);

CREATE TABLE habit_folds
(
    workspace_id text  NOT NULL,
    habit_id     text  NOT NULL,
    first_day    date  NOT NULL,
    last_day     date  NOT NULL,
    fold         jsonb NOT NULL,
    PRIMARY KEY (workspace_id, habit_id)
);
