-- HiveOrleans schema, PostgreSQL: the manual-review queues (docs/review.md).
--
-- A task waiting for a reviewer is its own hive_task row with review_queue set, so queueing it
-- and deciding it are ordinary group-committed task writes, and a queue holds no activation
-- and no second copy of anything. review_since orders a queue (oldest first; a lease that
-- expires or is released leaves the task where it was, at the front). A claim puts a lease on
-- the row (review_lease, review_holder, review_lease_until) without touching version or state;
-- a decision is the task's own write, which succeeds only while that lease is held.
-- HiveOrleans.Storage.Reviews.PostgresReviewQueueStore holds the queue's statements.

ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS review_queue text NULL;
ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS review_since timestamptz NULL;
ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS review_lease uuid NULL;
ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS review_holder bigint NULL;
ALTER TABLE hive_task ADD COLUMN IF NOT EXISTS review_lease_until timestamptz NULL;

-- Only queued rows are indexed: a claim walks one project's queue oldest first, skipping the
-- few leased rows at its front, whatever the number of finished tasks.
CREATE INDEX IF NOT EXISTS hive_task_review_queue ON hive_task (project_id, review_queue, review_since, task_id)
    WHERE review_queue IS NOT NULL;

-- A disabled reviewer's leases end at once.
CREATE INDEX IF NOT EXISTS hive_task_review_holder ON hive_task (review_holder) WHERE review_holder IS NOT NULL;
