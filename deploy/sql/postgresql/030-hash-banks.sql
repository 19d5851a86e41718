-- HiveOrleans schema, PostgreSQL: PDQ hash banks (known-bad perceptual hashes).
--
-- A bank is a named set of hashes, each under the caller's content id and a label
-- (csam, terror, ncii, spam_image, ...). Every silo keeps all live hashes in memory
-- and follows changes by polling `WHERE seq > last`, so every change stamps its row
-- with the next value of hive_hash_bank_seq:
-- * storing a hash (new, re-added after removal, or with a new hash or label),
-- * removing one (the row stays as a tombstone with removed = true),
-- * creating or deleting a bank (the bank row is stamped; deletion also drops the
--   bank's hash rows, tombstones included, so a re-created bank starts empty).
-- A poller that meets a bank row forgets what it holds for that bank: every hash
-- row of a bank has a higher seq than the bank row, so it is applied afterwards.
--
-- Ordering: a sequence hands out numbers when they are drawn, not when their
-- transaction commits, so two concurrent writers could commit 11 before 10 and a
-- poller that already moved past 11 would never see 10. Every write transaction
-- therefore takes one transaction-scoped advisory lock before it draws a number:
-- writers run one at a time, each commits (and becomes visible, which PostgreSQL
-- does before it releases locks) before the next draws, so seq order is commit
-- order. Bank writes are rare operator actions; serializing them costs nothing.
-- All statements against these tables live in HiveOrleans.Storage.Banks.PostgresHashBankStore
-- and, for the reads and the change feed, its base SqlHashBankStore.

CREATE SEQUENCE IF NOT EXISTS hive_hash_bank_seq AS bigint;

CREATE TABLE IF NOT EXISTS hive_hash_banks
(
    -- "C" collation: byte order, the same order SQLite sorts in.
    name        text COLLATE "C" NOT NULL PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    description text             NOT NULL DEFAULT '',
    created_at  timestamptz      NOT NULL,
    -- A deleted bank keeps its row (with the deletion's seq) so pollers learn of it.
    deleted     boolean          NOT NULL DEFAULT false,
    seq         bigint           NOT NULL
);

CREATE INDEX IF NOT EXISTS hive_hash_banks_by_seq ON hive_hash_banks (seq);

CREATE TABLE IF NOT EXISTS hive_hash_bank_entries
(
    bank       text COLLATE "C" NOT NULL REFERENCES hive_hash_banks (name),
    content_id text COLLATE "C" NOT NULL CHECK (char_length(content_id) BETWEEN 1 AND 200),
    -- The PDQ hash as the reference implementation prints it: 64 lowercase hex digits.
    hash       text COLLATE "C" NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    label      text COLLATE "C" NOT NULL CHECK (label ~ '^[a-z0-9_]{1,64}$'),
    -- When the current hash and label were stored.
    added_at   timestamptz      NOT NULL,
    seq        bigint           NOT NULL,
    removed    boolean          NOT NULL DEFAULT false,
    PRIMARY KEY (bank, content_id)
);

-- The change feed: rows after a seq, in seq order.
CREATE INDEX IF NOT EXISTS hive_hash_bank_entries_by_seq ON hive_hash_bank_entries (seq);

-- Hash and label counts of a bank.
CREATE INDEX IF NOT EXISTS hive_hash_bank_entries_live_labels ON hive_hash_bank_entries (bank, label) WHERE NOT removed;

-- Whether media is matched turned and mirrored too (the eight PDQ dihedral hashes). Banks made before the setting
-- existed keep matching as they did (false); the bank grain creates new ones with true unless told otherwise.
-- A change of the setting stamps settings_seq, not seq: a poller that meets a bank's seq forgets the bank's hashes,
-- which a setting must not make it do. The feed reports settings_seq as its own kind of change while it is the
-- bank row's latest (a deletion or re-creation after it supersedes it; re-creation clears it).
ALTER TABLE hive_hash_banks ADD COLUMN IF NOT EXISTS match_transforms boolean NOT NULL DEFAULT false;
ALTER TABLE hive_hash_banks ADD COLUMN IF NOT EXISTS settings_seq bigint NULL;

CREATE INDEX IF NOT EXISTS hive_hash_banks_by_settings_seq ON hive_hash_banks (settings_seq) WHERE settings_seq IS NOT NULL;
