-- HiveOrleans schema, PostgreSQL: grain state for Microsoft.Orleans.Persistence.AdoNet.
--
-- Contract (Orleans 10.4.2), in short:
-- * Every call binds @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
--   @GrainIdExtensionString (NULL when the key has no extension), @GrainIdHash and
--   @GrainTypeHash (int4); writes add @GrainStateVersion (int4, NULL = "I believe
--   nothing is stored") and @PayloadBinary (bytea).
-- * Since Orleans 7 @GrainTypeString carries the *state name*, not the grain class,
--   so two grain classes sharing a state name and key share a row (dotnet/orleans#8746).
-- * The version is the ETag. A write or clear answers with the new version; any
--   answer equal to the old one, empty, or no row at all is read as a conflict and
--   surfaces as InconsistentStateException. Reads return PayloadBinary and Version
--   by name; a NULL payload reads as "no record" but its version is kept as ETag.
--
-- Unlike the hashed, non-unique layout Orleans' own scripts use, rows here are keyed
-- by the full natural key. The hash parameters are bound by Orleans but unused.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id    text        NOT NULL,
    state_name    text        NOT NULL,
    grain_id_n0   bigint      NOT NULL,
    grain_id_n1   bigint      NOT NULL,
    -- '' stands for "no key extension": a primary key cannot hold NULL, and Orleans
    -- rejects empty or blank extensions, so '' cannot collide with a real one.
    grain_key_ext text        NOT NULL DEFAULT '',
    -- NULL after a clear: the row stays so its version keeps counting up.
    payload       bytea       NULL,
    version       integer     NOT NULL,
    modified_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
    SELECT payload AS "PayloadBinary",
           version AS "Version"
    FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = coalesce(@GrainIdExtensionString, '');
$sql$),

-- Exactly one branch can produce a row: the update when the caller's version is
-- current, the insert when the caller expects no row and none exists.
('WriteToStorageKey', $sql$
    WITH updated AS (
        UPDATE orleans_grain_state
        SET payload = @PayloadBinary, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId AND state_name = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
          AND version = @GrainStateVersion
        RETURNING version
    ), inserted AS (
        INSERT INTO orleans_grain_state
            (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext, payload, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
               coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    )
    SELECT version AS "NewGrainStateVersion" FROM updated
    UNION ALL
    SELECT version FROM inserted;
$sql$),

-- Clearing keeps a payload-less row so the version never restarts at 1 under a
-- grain that still holds an older ETag.
('ClearStorageKey', $sql$
    WITH updated AS (
        UPDATE orleans_grain_state
        SET payload = NULL, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId AND state_name = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
          AND version = @GrainStateVersion
        RETURNING version
    ), inserted AS (
        INSERT INTO orleans_grain_state
            (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext, payload, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
               coalesce(@GrainIdExtensionString, ''), NULL, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    )
    SELECT version AS "NewGrainStateVersion" FROM updated
    UNION ALL
    SELECT version FROM inserted;
$sql$),

-- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear
-- is set. Orleans needs an answer different from the version it sent, so the
-- deleted row answers with its version + 1; the grain's ETag then becomes null.
('DeleteStorageKey', $sql$
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version + 1 AS "NewGrainStateVersion";
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
