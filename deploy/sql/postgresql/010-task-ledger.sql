-- HiveOrleans schema, PostgreSQL: the task ledger (ours, not Orleans').
--
-- One row per task that still needs work, with the time it is next due for a
-- check. It replaces a reminder per task: sweepers claim due rows with
-- FOR UPDATE SKIP LOCKED, push due_at out by a lease, and poke the task grains.
-- All statements against it live in HiveOrleans.Storage.PostgresTaskLedger.

CREATE TABLE IF NOT EXISTS hive_task_ledger
(
    task_id    uuid        NOT NULL PRIMARY KEY,
    due_at     timestamptz NOT NULL,
    -- For operators' listings (e.g. a project's failing callbacks); the sweeper needs neither.
    project_id bigint      NOT NULL DEFAULT 0,
    reason     smallint    NOT NULL DEFAULT 0
);

-- The claim reads the oldest due rows first.
CREATE INDEX IF NOT EXISTS hive_task_ledger_by_due_at ON hive_task_ledger (due_at);

-- A project's entries for one reason, soonest first (GET /admin/v1/projects/{id}/failing-callbacks).
CREATE INDEX IF NOT EXISTS hive_task_ledger_by_project ON hive_task_ledger (project_id, reason, due_at);
