-- HiveOrleans schema, PostgreSQL, step 1 of the Orleans ADO.NET contract.
--
-- Orleans' ADO.NET providers carry no SQL of their own: at start-up each one runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards executes the texts it finds under well-known keys, binding
-- named parameters (@DeploymentId, @GrainIdN0, ...). That statement is compiled
-- into the providers, so the table name and both column names are not ours to
-- choose. Unquoted, PostgreSQL folds them to lower case, which is what the
-- providers' unquoted SELECT asks for as well.
--
-- Every script in this folder runs on every start (HiveOrleans.Storage.SchemaInstaller),
-- inside one transaction behind an advisory lock, so each statement must be
-- idempotent: IF NOT EXISTS for objects, ON CONFLICT ... DO UPDATE for query rows.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
