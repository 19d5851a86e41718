-- HiveOrleans schema, SQLite: operator-registered visual models (ours, not Orleans').
--
-- Same role as ../postgresql/060-models.sql. Times are Unix milliseconds (UTC).
-- A rowid table: a row can hold a model file of many megabytes.
-- All statements against it live in HiveOrleans.Storage.Models.SqliteModelStore.

CREATE TABLE IF NOT EXISTS hive_models
(
    name             TEXT    NOT NULL PRIMARY KEY,
    kind             TEXT    NOT NULL,
    version          TEXT    NOT NULL,
    definition       TEXT    NOT NULL,
    -- The ONNX file; null for a remote model.
    content          BLOB,
    content_bytes    INTEGER NOT NULL,
    registered_at_ms INTEGER NOT NULL
);
