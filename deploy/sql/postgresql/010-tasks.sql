-- HiveOrleans schema, PostgreSQL: one row per task (ours, not Orleans').
--
-- The row is the task's whole durable record: its state (the TaskGrain's TaskState as
-- System.Text.Json, the same bytes Orleans' grain storage would write) and, while the task
-- still owes work, when it is next due for a look (due_at). Submission inserts the row,
-- finishing updates it, a callback attempt's outcome updates it; every write is
-- group-committed by HiveOrleans.Storage.Tasks.PostgresTaskStore, which holds every
-- statement run against this table.
--
-- version is the optimistic-concurrency check: a write names the version it read and
-- succeeds only if the row is still at it, so two activations of one task (possible for a
-- moment while membership changes) cannot overwrite each other.

CREATE TABLE IF NOT EXISTS hive_task
(
    task_id    uuid        NOT NULL PRIMARY KEY,
    project_id bigint      NOT NULL,
    version    integer     NOT NULL,
    -- NULL when nothing is owed; the sweeper claims rows whose due_at has passed.
    due_at     timestamptz NULL,
    -- What is owed (0 = processing, 1 = a callback); for operators' listings.
    due_reason smallint    NOT NULL DEFAULT 0,
    -- NULL only for a row carried over from the task ledger below, whose state is still
    -- in orleans_grain_state (state name 'task') where the previous layout wrote it.
    state      bytea       NULL
);

-- Only rows that owe work are indexed, so a million finished tasks cost the sweeper nothing.
CREATE INDEX IF NOT EXISTS hive_task_due ON hive_task (due_at) WHERE due_at IS NOT NULL;

-- A project's owed rows for one reason, soonest first (GET /admin/v1/projects/{id}/failing-callbacks).
CREATE INDEX IF NOT EXISTS hive_task_due_by_project ON hive_task (project_id, due_reason, due_at) WHERE due_at IS NOT NULL;

-- Added in the release that resumes a lost silo's tasks at once. owner: the silo that last
-- wrote the row (its parsable address), so the survivors can make its owed rows due now when
-- it dies or stops. callback_to: where a callback that is waiting for a retry goes (scheme,
-- host and port), so the retries to a receiver that came back are brought forward together.
-- Older silos never write them; NULL only means "not known", and such rows are swept when due.
ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS owner text NULL;
ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS callback_to text NULL;

-- Only rows with a retry waiting carry callback_to, so a healthy flow never touches this index.
CREATE INDEX IF NOT EXISTS hive_task_callback_to ON hive_task (callback_to) WHERE callback_to IS NOT NULL;

-- The previous layout kept "still owes work" in a table of its own, beside the state in
-- orleans_grain_state. Its rows move here (state NULL, version 0) and the grain reads the
-- state from the old place the first time it loads. The empty table stays, so this runs
-- again harmlessly on every start.
CREATE TABLE IF NOT EXISTS hive_task_ledger
(
    task_id    uuid        NOT NULL PRIMARY KEY,
    due_at     timestamptz NOT NULL,
    project_id bigint      NOT NULL DEFAULT 0,
    reason     smallint    NOT NULL DEFAULT 0
);

INSERT INTO hive_task (task_id, project_id, version, due_at, due_reason, state)
SELECT task_id, project_id, 0, due_at, reason, NULL FROM hive_task_ledger
ON CONFLICT (task_id) DO NOTHING;

DELETE FROM hive_task_ledger;
