-- HiveOrleans schema, PostgreSQL: manual review's audit log (docs/review.md). Append-only:
-- every claim, renewal, release, expiry, decision, escalation and time-out, in the order they
-- were recorded (seq). Nothing updates or deletes a row. Appends are group-committed by
-- HiveOrleans.Storage.Reviews.PostgresReviewAuditLog, which holds the statements.

CREATE TABLE IF NOT EXISTS hive_review_audit
(
    seq         bigserial   NOT NULL PRIMARY KEY,
    at          timestamptz NOT NULL,
    action      text        NOT NULL,
    project_id  bigint      NOT NULL,
    task_id     uuid        NOT NULL,
    queue       text        NOT NULL,
    reviewer_id bigint      NULL,
    lease       uuid        NULL,
    -- What the action said beyond the columns (a decision's labels and reason), as JSON.
    detail      text        NULL
);

-- The three ways the operator API pages the log: by task, by reviewer, by project; each in order.
CREATE INDEX IF NOT EXISTS hive_review_audit_task ON hive_review_audit (task_id, seq);
CREATE INDEX IF NOT EXISTS hive_review_audit_reviewer ON hive_review_audit (reviewer_id, seq) WHERE reviewer_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS hive_review_audit_project ON hive_review_audit (project_id, seq);
