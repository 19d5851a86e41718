-- HiveOrleans schema, PostgreSQL: the result cache (ours, not Orleans').
--
-- A finished task's output, kept under what determines it: the project, the version
-- of the project's configuration it ran with, and the hash of its input. A later
-- task with the same three takes the output instead of running the models again.
-- Rows are inserted once and never updated (the first writer wins).
-- All statements against it live in HiveOrleans.Storage.Results.PostgresResultCache.

CREATE TABLE IF NOT EXISTS hive_result_cache
(
    project_id     bigint      NOT NULL,
    config_version integer     NOT NULL,
    input_hash     text        NOT NULL,
    -- The task that produced the output.
    task_id        uuid        NOT NULL,
    -- The caller's serialized output; opaque here.
    output         bytea       NOT NULL,
    completed_at   timestamptz NOT NULL,
    -- When the row was written, by the application's clock: what pruning goes by.
    cached_at      timestamptz NOT NULL,
    PRIMARY KEY (project_id, config_version, input_hash)
);

-- Pruning deletes the oldest entries first (HiveOrleans:Results:CacheDays).
CREATE INDEX IF NOT EXISTS hive_result_cache_cached_at ON hive_result_cache (cached_at);
