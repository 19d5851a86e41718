-- HiveOrleans schema, PostgreSQL: decision history and reruns (issue 18).
--
-- A project's tasks in creation order, for a rerun's keyset pagination
-- (HiveOrleans.Storage.Reruns.PostgresProjectTaskScan). Task ids are version-7 GUIDs, whose
-- first 48 bits are the creation time in milliseconds and which PostgreSQL's uuid order sorts
-- by, so (project_id, task_id) is the index over project and created time: a window of
-- submission times is a range of ids.
CREATE INDEX IF NOT EXISTS hive_task_by_project ON hive_task (project_id, task_id);

-- The results a task no longer shows: each row is the decision that superseded_by replaced
-- (e.g. 'rerun:<id>'), as JSON (HiveOrleans.Abstractions.Tasks.TaskHistoryEntry). The task's
-- current result stays in its hive_task row; this table is written only when a rerun applies
-- a new one, so the hot path never touches it. The key makes a redone apply harmless.
CREATE TABLE IF NOT EXISTS hive_task_history
(
    task_id       uuid        NOT NULL,
    superseded_by text        NOT NULL,
    recorded_on   timestamptz NOT NULL,
    entry         bytea       NOT NULL,
    PRIMARY KEY (task_id, superseded_by)
);
