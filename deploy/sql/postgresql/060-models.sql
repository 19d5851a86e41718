-- HiveOrleans schema, PostgreSQL: operator-registered visual models (ours, not Orleans').
--
-- One row per registered model name: its kind (onnx or remote), its version (the
-- SHA-256 of what decides its scores), its definition (JSON: preprocessing, labels,
-- head, class mapping, remote server; opaque here) and, for an ONNX model, the
-- model file itself, so every silo can load it lazily without a shared disk.
-- Registering the name again replaces the row (a new version).
-- All statements against it live in HiveOrleans.Storage.Models.PostgresModelStore.

CREATE TABLE IF NOT EXISTS hive_models
(
    name          text        NOT NULL PRIMARY KEY,
    kind          text        NOT NULL,
    version       text        NOT NULL,
    definition    text        NOT NULL,
    -- The ONNX file; null for a remote model.
    content       bytea,
    content_bytes bigint      NOT NULL,
    registered_at timestamptz NOT NULL
);
