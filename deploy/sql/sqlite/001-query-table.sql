-- HiveOrleans schema, SQLite, step 1 of the Orleans ADO.NET contract.
--
-- Orleans 10.x runs only grain persistence on SQLite (invariant "System.Data.SQLite",
-- which Orleans maps to Microsoft.Data.Sqlite's SqliteFactory); clustering and
-- reminders need PostgreSQL or another server. Like on PostgreSQL, the provider
-- loads its SQL at start-up with
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- so the table name and both column names are fixed by Orleans.
--
-- Every script in this folder runs on every start (HiveOrleans.Storage.SchemaInstaller),
-- inside one IMMEDIATE transaction, so each statement must be idempotent.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
