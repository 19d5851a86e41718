-- HiveOrleans schema, SQLite: the manual-review queues (docs/review.md; the PostgreSQL script
-- says how they work). The columns are in 010-tasks.sql (and added to an older file by
-- SchemaInstaller, as SQLite's ALTER TABLE has no IF NOT EXISTS); times are Unix milliseconds.

CREATE INDEX IF NOT EXISTS hive_task_review_queue ON hive_task (project_id, review_queue, review_since_ms, task_id)
    WHERE review_queue IS NOT NULL;

CREATE INDEX IF NOT EXISTS hive_task_review_holder ON hive_task (review_holder) WHERE review_holder IS NOT NULL;
