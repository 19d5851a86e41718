-- HiveOrleans schema, PostgreSQL: finding expired idempotency claims in the grain-state table.
--
-- An idempotency key's claim (state name 'idempotency') answers for 24 hours and is then
-- overwritten by the next claim of the same key, or never touched again. The retention sweep
-- deletes claims last written well past that window
-- (HiveOrleans.Storage.IdempotencyClaimPruner); this partial index lets it find them without
-- scanning every task's state, and costs nothing on writes of any other state.

CREATE INDEX IF NOT EXISTS orleans_grain_state_idempotency_age
    ON orleans_grain_state (modified_at)
    WHERE state_name = 'idempotency';
