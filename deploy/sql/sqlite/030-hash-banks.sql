-- HiveOrleans schema, SQLite: PDQ hash banks (known-bad perceptual hashes).
--
-- Same role and change feed as ../postgresql/030-hash-banks.sql. SQLite has no
-- sequences: the last seq handed out is kept in hive_hash_bank_clock and advanced
-- inside each write transaction. SQLite has one writer at a time, so seq order is
-- commit order without further locking. Times are Unix milliseconds (UTC); flags
-- are 0 or 1.
-- All statements against these tables live in HiveOrleans.Storage.Banks.SqliteHashBankStore
-- and, for the reads and the change feed, its base SqlHashBankStore.

CREATE TABLE IF NOT EXISTS hive_hash_bank_clock
(
    id  INTEGER NOT NULL PRIMARY KEY CHECK (id = 0),
    seq INTEGER NOT NULL
);

INSERT OR IGNORE INTO hive_hash_bank_clock (id, seq) VALUES (0, 0);

CREATE TABLE IF NOT EXISTS hive_hash_banks
(
    name          TEXT    NOT NULL PRIMARY KEY,
    description   TEXT    NOT NULL DEFAULT '',
    created_at_ms INTEGER NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    seq           INTEGER NOT NULL,
    -- match_transforms and settings_seq: see ../postgresql/030-hash-banks.sql. SQLite's ALTER TABLE has no IF NOT
    -- EXISTS, so SchemaInstaller adds them to a table made before them, before these scripts run.
    match_transforms INTEGER NOT NULL DEFAULT 0,
    settings_seq     INTEGER NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS hive_hash_banks_by_seq ON hive_hash_banks (seq);

CREATE INDEX IF NOT EXISTS hive_hash_banks_by_settings_seq ON hive_hash_banks (settings_seq) WHERE settings_seq IS NOT NULL;

CREATE TABLE IF NOT EXISTS hive_hash_bank_entries
(
    bank        TEXT    NOT NULL,
    content_id  TEXT    NOT NULL,
    hash        TEXT    NOT NULL CHECK (length(hash) = 64),
    label       TEXT    NOT NULL,
    added_at_ms INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bank, content_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS hive_hash_bank_entries_by_seq ON hive_hash_bank_entries (seq);

CREATE INDEX IF NOT EXISTS hive_hash_bank_entries_live_labels ON hive_hash_bank_entries (bank, label) WHERE removed = 0;
