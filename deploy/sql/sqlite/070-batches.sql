-- HiveOrleans schema, SQLite: batch submissions. Same role as ../postgresql/070-batches.sql;
-- a chunk's task ids are a JSON array of their canonical text forms (as hive_task stores them).
-- All statements against these tables live in HiveOrleans.Storage.Batches.SqliteBatchStore.

CREATE TABLE IF NOT EXISTS hive_batch
(
    batch_id      TEXT    NOT NULL PRIMARY KEY,
    project_id    INTEGER NOT NULL,
    created_on_ms INTEGER NOT NULL,
    callback_url  TEXT    NULL,
    items         INTEGER NULL,
    rejected      INTEGER NULL,
    callback_due_ms   INTEGER NULL,
    callback_attempts INTEGER NOT NULL DEFAULT 0,
    callback_outcome  TEXT    NULL
);

CREATE INDEX IF NOT EXISTS hive_batch_callback_due ON hive_batch (callback_due_ms) WHERE callback_due_ms IS NOT NULL;

CREATE TABLE IF NOT EXISTS hive_batch_chunk
(
    batch_id TEXT    NOT NULL,
    chunk    INTEGER NOT NULL,
    task_ids TEXT    NOT NULL,
    PRIMARY KEY (batch_id, chunk)
) WITHOUT ROWID;
