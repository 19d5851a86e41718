-- HiveOrleans schema, SQLite: the task ledger (ours, not Orleans').
--
-- Same role as ../postgresql/010-task-ledger.sql. SQLite has no uuid or timestamp
-- types: task ids are stored in their canonical text form and due times as Unix
-- milliseconds (UTC), which compare and sort as plain integers.
-- All statements against it live in HiveOrleans.Storage.SqliteTaskLedger.

CREATE TABLE IF NOT EXISTS hive_task_ledger
(
    task_id    TEXT    NOT NULL PRIMARY KEY,
    due_at_ms  INTEGER NOT NULL,
    -- For operators' listings (e.g. a project's failing callbacks); the sweeper needs neither.
    project_id INTEGER NOT NULL DEFAULT 0,
    reason     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS hive_task_ledger_by_due_at ON hive_task_ledger (due_at_ms);

CREATE INDEX IF NOT EXISTS hive_task_ledger_by_project ON hive_task_ledger (project_id, reason, due_at_ms);
