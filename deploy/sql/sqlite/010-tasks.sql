-- HiveOrleans schema, SQLite: one row per task (ours, not Orleans').
--
-- Same role and columns as ../postgresql/010-tasks.sql. SQLite has no uuid or timestamp
-- types: task ids are stored in their canonical text form and due times as Unix
-- milliseconds (UTC), which compare and sort as plain integers.
-- All statements against it live in HiveOrleans.Storage.Tasks.SqliteTaskStore.

CREATE TABLE IF NOT EXISTS hive_task
(
    task_id    TEXT    NOT NULL PRIMARY KEY,
    project_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    due_at_ms  INTEGER NULL,
    due_reason INTEGER NOT NULL DEFAULT 0,
    state      BLOB    NULL,
    owner       TEXT    NULL,
    callback_to TEXT    NULL,
    -- The manual-review queue (050-review.sql).
    review_queue          TEXT    NULL,
    review_since_ms       INTEGER NULL,
    review_lease          TEXT    NULL,
    review_holder         INTEGER NULL,
    review_lease_until_ms INTEGER NULL
);

CREATE INDEX IF NOT EXISTS hive_task_due ON hive_task (due_at_ms) WHERE due_at_ms IS NOT NULL;

CREATE INDEX IF NOT EXISTS hive_task_due_by_project ON hive_task (project_id, due_reason, due_at_ms) WHERE due_at_ms IS NOT NULL;

-- owner and callback_to: see ../postgresql/010-tasks.sql. SQLite's ALTER TABLE has no IF NOT
-- EXISTS, so SchemaInstaller adds them to a table made before them, before these scripts run.
CREATE INDEX IF NOT EXISTS hive_task_callback_to ON hive_task (callback_to) WHERE callback_to IS NOT NULL;

-- Rows of the previous layout's ledger move here; see ../postgresql/010-tasks.sql.
CREATE TABLE IF NOT EXISTS hive_task_ledger
(
    task_id    TEXT    NOT NULL PRIMARY KEY,
    due_at_ms  INTEGER NOT NULL,
    project_id INTEGER NOT NULL DEFAULT 0,
    reason     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
INSERT INTO hive_task (task_id, project_id, version, due_at_ms, due_reason, state)
SELECT task_id, project_id, 0, due_at_ms, reason, NULL FROM hive_task_ledger WHERE true
ON CONFLICT (task_id) DO NOTHING;

DELETE FROM hive_task_ledger;
