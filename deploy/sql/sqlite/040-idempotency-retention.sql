-- HiveOrleans schema, SQLite: finding expired idempotency claims in the grain-state table.
-- The reasons are those of ../postgresql/040-idempotency-retention.sql. modified_at is
-- CURRENT_TIMESTAMP text (UTC, 'YYYY-MM-DD HH:MM:SS'), which sorts as time does.

CREATE INDEX IF NOT EXISTS orleans_grain_state_idempotency_age
    ON orleans_grain_state (modified_at)
    WHERE state_name = 'idempotency';
