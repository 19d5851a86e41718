-- HiveOrleans schema, SQLite: grain state for Microsoft.Orleans.Persistence.AdoNet.
--
-- The contract is the one described in ../postgresql/003-persistence.sql: same
-- parameters, same result columns, the version is the ETag, and "no row", an empty
-- value or the caller's own version all mean "conflict".
--
-- SQLite has no data-modifying CTEs, so a write is two statements. They cannot both
-- act: the UPDATE needs a non-NULL @GrainStateVersion, the INSERT a NULL one. Each
-- ends in RETURNING, so each is a result set of zero or one row; Orleans reads every
-- result set of a command, so it sees at most one version.
--
-- Inside the query texts below '''' is an escaped '' (the empty string).

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id    TEXT    NOT NULL,
    state_name    TEXT    NOT NULL,
    grain_id_n0   INTEGER NOT NULL,
    grain_id_n1   INTEGER NOT NULL,
    -- '' stands for "no key extension" (Orleans rejects empty or blank extensions).
    grain_key_ext TEXT    NOT NULL DEFAULT '',
    -- NULL after a clear: the row stays so its version keeps counting up.
    payload       BLOB    NULL,
    version       INTEGER NOT NULL,
    modified_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT payload AS PayloadBinary,
           version AS Version
    FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = ifnull(@GrainIdExtensionString, '''');
'),

('WriteToStorageKey', '
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = CURRENT_TIMESTAMP
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = ifnull(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;

    INSERT INTO orleans_grain_state
        (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           ifnull(@GrainIdExtensionString, ''''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version AS NewGrainStateVersion;
'),

-- Clearing keeps a payload-less row so the version never restarts at 1.
('ClearStorageKey', '
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, modified_at = CURRENT_TIMESTAMP
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = ifnull(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;

    INSERT INTO orleans_grain_state
        (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           ifnull(@GrainIdExtensionString, ''''), NULL, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version AS NewGrainStateVersion;
'),

-- For AdoNetGrainStorageOptions.DeleteStateOnClear: answers version + 1 because
-- Orleans reads its own version coming back as a conflict.
('DeleteStorageKey', '
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = ifnull(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
