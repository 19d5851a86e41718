-- HiveOrleans schema, SQLite: the result cache (ours, not Orleans').
--
-- Same role as ../postgresql/021-result-cache.sql. Task ids are stored in their
-- canonical text form and times as Unix milliseconds (UTC).
-- A rowid table, not WITHOUT ROWID: outputs can run to kilobytes, and SQLite keeps
-- WITHOUT ROWID tables efficient only for small rows.
-- All statements against it live in HiveOrleans.Storage.Results.SqliteResultCache.

CREATE TABLE IF NOT EXISTS hive_result_cache
(
    project_id      INTEGER NOT NULL,
    config_version  INTEGER NOT NULL,
    input_hash      TEXT    NOT NULL,
    -- The task that produced the output.
    task_id         TEXT    NOT NULL,
    -- The caller's serialized output; opaque here.
    output          BLOB    NOT NULL,
    completed_at_ms INTEGER NOT NULL,
    -- When the row was written, by the application's clock: what pruning goes by.
    cached_at_ms    INTEGER NOT NULL,
    PRIMARY KEY (project_id, config_version, input_hash)
);

-- Pruning deletes the oldest entries first (HiveOrleans:Results:CacheDays).
CREATE INDEX IF NOT EXISTS hive_result_cache_cached_at ON hive_result_cache (cached_at_ms);
