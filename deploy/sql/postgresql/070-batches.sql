-- HiveOrleans schema, PostgreSQL: batch submissions (POST /api/v2/task/batch).
--
-- A batch is one small row; its tasks are ordinary hive_task rows. Which tasks belong to it
-- is kept as one row per stored chunk (a few hundred task ids in an array), written once
-- after the chunk's tasks are committed, so admitting 100,000 items costs a few hundred
-- small inserts here and nothing on hive_task's hot write path. Progress counts are computed
-- from the task rows when asked (GET /api/v2/batch/{id}).
-- All statements against these tables live in HiveOrleans.Storage.Batches.PostgresBatchStore.

CREATE TABLE IF NOT EXISTS hive_batch
(
    batch_id     uuid        NOT NULL PRIMARY KEY,
    project_id   bigint      NOT NULL,
    created_on   timestamptz NOT NULL,
    callback_url text        NULL,
    -- Set when the request has been read to its end: how many items it carried, how many were refused.
    items        integer     NULL,
    rejected     integer     NULL,
    -- The batch callback: when the silos should next look whether every task has finished (NULL: nothing owed),
    -- how many attempts were made, and the last outcome.
    callback_due_at   timestamptz NULL,
    callback_attempts integer     NOT NULL DEFAULT 0,
    callback_outcome  text        NULL
);

CREATE INDEX IF NOT EXISTS hive_batch_callback_due ON hive_batch (callback_due_at) WHERE callback_due_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS hive_batch_chunk
(
    batch_id uuid    NOT NULL,
    chunk    integer NOT NULL,
    task_ids uuid[]  NOT NULL,
    PRIMARY KEY (batch_id, chunk)
);
