-- HiveOrleans schema, PostgreSQL: reminders for Microsoft.Orleans.Reminders.AdoNet.
--
-- Contract (Orleans 10.4.2), in short:
-- * A reminder is keyed by @ServiceId, @GrainId (the grain id's string form) and
--   @ReminderName. @GrainHash is the grain's uniform hash cast from uint to int4;
--   each silo reads the reminders whose hash falls in its ring range.
-- * @Period is milliseconds, bound as int4 or, above int.MaxValue, int8.
-- * Version is the ETag: an upsert answers with the row's version (column
--   "Version"); a delete succeeds only for the current version and answers with a
--   single boolean-ish column.
-- * Rows are read by column name: GrainId, ReminderName, StartTime, Period, Version.

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Serves the ring-range reads each silo makes when its range changes.
CREATE INDEX IF NOT EXISTS orleans_reminder_by_hash ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $sql$
    INSERT INTO orleans_reminder AS r
        (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_time = EXCLUDED.start_time,
            period_ms  = EXCLUDED.period_ms,
            grain_hash = EXCLUDED.grain_hash,
            version    = r.version + 1
    RETURNING r.version AS "Version";
$sql$),

('ReadReminderRowsKey', $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId;
$sql$),

('ReadReminderRowKey', $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$sql$),

-- Orleans picks this key when (int)begin < (int)end: the range (begin, end] does not wrap.
('ReadRangeRows1Key', $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$sql$),

-- ... and this one otherwise: the range wraps past the end of the ring.
('ReadRangeRows2Key', $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$sql$),

('DeleteReminderRowKey', $sql$
    WITH removed AS (
        DELETE FROM orleans_reminder
        WHERE service_id = @ServiceId AND grain_id = @GrainId
          AND reminder_name = @ReminderName AND version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM removed);
$sql$),

('DeleteReminderRowsKey', $sql$
    DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
