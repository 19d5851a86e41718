-- HiveOrleans schema, PostgreSQL: cluster membership for Microsoft.Orleans.Clustering.AdoNet.
--
-- Contract (Orleans 10.4.2), in short:
-- * Membership is optimistic. One row per cluster (Orleans calls it DeploymentId,
--   our ClusterId) carries a table version. Each insert or update of a silo row
--   passes the version the silo last read as @Version; the change must land only
--   if that is still the current version, and then bumps it by one, atomically.
--   The answer is a single boolean-ish column (true = applied).
-- * Reads return the version row LEFT JOINed to silo rows: Orleans takes the table
--   version from the first row even when no silo has joined yet, and knows a row
--   carries a silo when StartTime is not null. Columns are read by name.
-- * Parameter types as Orleans binds them: strings as text, ports/generation/status/
--   version as int4, times as UTC DateTime (timestamptz here).

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- Deleting a cluster's version row takes its silo rows with it (see DeleteMembershipTableEntriesKey).
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    -- Orleans reads this with GetInt32, which cannot take a NULL; 0 means "no gateway".
    proxy_port      integer     NOT NULL DEFAULT 0,
    -- "silo,time|silo,time", formatted and parsed by Orleans.
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $sql$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id)
        VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING deployment_id
    )
    SELECT EXISTS (SELECT 1 FROM created);
$sql$),

-- The three data-modifying steps share one statement, so they commit or vanish
-- together: lock the version row only while it still holds @Version, add the silo
-- through that lock, and bump the version only if the silo row was really added.
('InsertMembershipKey', $sql$
    WITH expected AS (
        SELECT deployment_id
        FROM orleans_membership_version
        WHERE deployment_id = @DeploymentId AND version = @Version
        FOR UPDATE
    ), joined AS (
        INSERT INTO orleans_membership
            (deployment_id, address, port, generation, silo_name, host_name,
             status, proxy_port, start_time, i_am_alive_time)
        SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
               @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM expected
        ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
        RETURNING deployment_id
    ), bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1, changed_at = now()
        FROM joined
        WHERE v.deployment_id = joined.deployment_id
        RETURNING v.version
    )
    SELECT EXISTS (SELECT 1 FROM bumped);
$sql$),

-- Same shape as the insert: the silo row changes only under the expected version,
-- and the version moves only if the silo row changed.
('UpdateMembershipKey', $sql$
    WITH expected AS (
        SELECT deployment_id
        FROM orleans_membership_version
        WHERE deployment_id = @DeploymentId AND version = @Version
        FOR UPDATE
    ), changed AS (
        UPDATE orleans_membership AS m
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        FROM expected
        WHERE m.deployment_id = expected.deployment_id
          AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING m.deployment_id
    ), bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1, changed_at = now()
        FROM changed
        WHERE v.deployment_id = changed.deployment_id
        RETURNING v.version
    )
    SELECT EXISTS (SELECT 1 FROM bumped);
$sql$),

-- The heartbeat is deliberately outside the versioning: it changes nothing other silos act on.
('UpdateIAmAlivetimeKey', $sql$
    UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId
      AND address = @Address AND port = @Port AND generation = @Generation;
$sql$),

('MembershipReadRowKey', $sql$
    SELECT v.deployment_id   AS "DeploymentId",
           m.address         AS "Address",
           m.port            AS "Port",
           m.generation      AS "Generation",
           m.silo_name       AS "SiloName",
           m.host_name       AS "HostName",
           m.status          AS "Status",
           m.proxy_port      AS "ProxyPort",
           m.suspect_times   AS "SuspectTimes",
           m.start_time      AS "StartTime",
           m.i_am_alive_time AS "IAmAliveTime",
           v.version         AS "Version"
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m
           ON m.deployment_id = v.deployment_id
          AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;
$sql$),

('MembershipReadAllKey', $sql$
    SELECT v.deployment_id   AS "DeploymentId",
           m.address         AS "Address",
           m.port            AS "Port",
           m.generation      AS "Generation",
           m.silo_name       AS "SiloName",
           m.host_name       AS "HostName",
           m.status          AS "Status",
           m.proxy_port      AS "ProxyPort",
           m.suspect_times   AS "SuspectTimes",
           m.start_time      AS "StartTime",
           m.i_am_alive_time AS "IAmAliveTime",
           v.version         AS "Version"
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;
$sql$),

('DeleteMembershipTableEntriesKey', $sql$
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$sql$),

-- Orleans passes @Status = Active (3) and turns each row into a gateway URI.
('GatewaysQueryKey', $sql$
    SELECT address    AS "Address",
           proxy_port AS "ProxyPort",
           generation AS "Generation"
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$sql$),

-- A row that is not Active (3) and has not sent a heartbeat since the cut-off is
-- defunct. Active rows stay: declaring a silo dead is the membership protocol's job.
('CleanupDefunctSiloEntriesKey', $sql$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND i_am_alive_time < @IAmAliveTime
      AND status <> 3;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
