-- HiveOrleans schema, SQLite: manual review's audit log (the PostgreSQL script says how it
-- works). Times are Unix milliseconds; task ids and leases are text.

CREATE TABLE IF NOT EXISTS hive_review_audit
(
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at_ms       INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    project_id  INTEGER NOT NULL,
    task_id     TEXT    NOT NULL,
    queue       TEXT    NOT NULL,
    reviewer_id INTEGER NULL,
    lease       TEXT    NULL,
    detail      TEXT    NULL
);

CREATE INDEX IF NOT EXISTS hive_review_audit_task ON hive_review_audit (task_id, seq);
CREATE INDEX IF NOT EXISTS hive_review_audit_reviewer ON hive_review_audit (reviewer_id, seq) WHERE reviewer_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS hive_review_audit_project ON hive_review_audit (project_id, seq);
