-- HiveOrleans schema, PostgreSQL: the media store of cluster mode (ours, not Orleans').
--
-- Submitted media, kept once per content. hive_media has one row per blob, keyed by
-- the lowercase hex SHA-256 of its bytes; hive_media_chunk holds the bytes in order,
-- chunk_size bytes a row (the last may be shorter), so no statement ever moves a
-- whole blob. A media row and its chunks are written in one transaction: a row that
-- can be seen has all its chunks, and chunks never change afterwards.
-- expires_at only ever moves later; the sweeper deletes rows past it and their
-- chunks go with them. Times come from the application's clock, not now().
-- All statements against these tables live in HiveOrleans.Storage.Media
-- (PostgresMediaStore, PostgresMediaStream).

CREATE TABLE IF NOT EXISTS hive_media
(
    media_key  text        NOT NULL PRIMARY KEY CHECK (media_key ~ '^[0-9a-f]{64}$'),
    -- Lowercase hex MD5 of the bytes: Hive's input.hash.
    md5        text        NOT NULL,
    length     bigint      NOT NULL CHECK (length > 0),
    -- Per blob, so the chunk size can change without rewriting the blobs already stored.
    chunk_size integer     NOT NULL CHECK (chunk_size > 0),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Serves the sweeper's search for expired blobs.
CREATE INDEX IF NOT EXISTS hive_media_by_expiry ON hive_media (expires_at);

CREATE TABLE IF NOT EXISTS hive_media_chunk
(
    media_key text    NOT NULL REFERENCES hive_media (media_key) ON DELETE CASCADE,
    seq       integer NOT NULL CHECK (seq >= 0),
    data      bytea   NOT NULL,
    PRIMARY KEY (media_key, seq)
);

-- Media formats are compressed already: EXTERNAL stores the chunks out of line
-- without first trying to compress them. ALTER TABLE takes an exclusive lock, so it
-- only runs while the column still has another storage, i.e. once.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_attribute
               WHERE attrelid = 'hive_media_chunk'::regclass AND attname = 'data' AND attstorage <> 'e') THEN
        ALTER TABLE hive_media_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
    END IF;
END
$$;
