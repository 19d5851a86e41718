using System.Buffers;
using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// The media store in PostgreSQL (cluster mode): one <c>hive_media</c> row per blob and its bytes in
/// <c>hive_media_chunk</c> rows of <see cref="ChunkSize"/> bytes (see deploy/sql/postgresql/020-media.sql). Every
/// statement it runs is in this class and <see cref="PostgresMediaStream"/>.
/// </summary>
/// <remarks>
/// <para>
/// A put spools the content to a local file while hashing it, because the key (its SHA-256) is only known at the
/// end, and then, in one transaction, inserts the media row and copies the chunks in, or, when the row exists,
/// only moves its expiry later. A row that can be seen therefore always has all its chunks.
/// </para>
/// <para>
/// Races with <see cref="DeleteExpiredAsync"/> are settled by row locks: the delete locks the expired rows it takes
/// (skipping rows a put holds) and re-checks their expiry; a put that extends a row locks it first and, finding it
/// deleted under its feet, inserts it afresh. Times come from the store's clock, not the server's <c>now()</c>.
/// </para>
/// </remarks>
internal sealed class PostgresMediaStore : IMediaStore, IAsyncDisposable
{
    /// <summary>The size of a chunk row's bytes (the last one of a blob may be shorter).</summary>
    internal const int ChunkSize = 1024 * 1024;

    private const string SpoolPrefix = "hiveorleans-media-";

    // Tells a new row from an existing one without taking the existing row's lock: a put that only needs to extend
    // goes on to ExtendSql, which does lock it.
    private const string InsertMediaSql = """
        INSERT INTO hive_media (media_key, md5, length, chunk_size, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (media_key) DO NOTHING
        """;

    private const string ExtendSql = "UPDATE hive_media SET expires_at = greatest(expires_at, $2) WHERE media_key = $1";

    private const string CopyChunksSql = "COPY hive_media_chunk (media_key, seq, data) FROM STDIN (FORMAT BINARY)";

    private const string FindSql = "SELECT length, chunk_size FROM hive_media WHERE media_key = $1";

    // SKIP LOCKED passes over rows a put is extending (or still inserting); MATERIALIZED pins the locking sub-select
    // to one evaluation, so no more than $2 rows are taken. FOR UPDATE re-checks expires_at on the newest version of
    // a row that changed since the scan. The chunks go with their rows (ON DELETE CASCADE).
    private const string DeleteExpiredSql = """
        WITH expired AS MATERIALIZED (
            SELECT media_key
            FROM hive_media
            WHERE expires_at <= $1
            ORDER BY expires_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
        DELETE FROM hive_media AS media
        USING expired
        WHERE media.media_key = expired.media_key
        """;

    // A put meets a deleted row at most once in practice: the re-inserted row is not expired. The bound only keeps a
    // pathological clock from looping forever.
    private const int PutAttempts = 3;

    private readonly PostgresPool _pool;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _defaultRetention;
    private readonly TimeProvider _clock;
    private readonly string _spoolDirectory;

    public PostgresMediaStore(string connectionString, TimeSpan defaultRetention, TimeProvider clock)
        : this(connectionString, defaultRetention, clock, Path.GetTempPath())
    {
    }

    /// <param name="spoolDirectory">Where uploads are spooled and temporary copies for <see cref="GetFileAsync"/> are written.</param>
    internal PostgresMediaStore(string connectionString, TimeSpan defaultRetention, TimeProvider clock, string spoolDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultRetention, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolDirectory);

        Directory.CreateDirectory(spoolDirectory);
        _pool = PostgresPool.Rent(connectionString);
        _dataSource = _pool.DataSource;
        _defaultRetention = defaultRetention;
        _clock = clock;
        _spoolDirectory = spoolDirectory;
    }

    public async Task<StoredMedia> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        await using var spool = await SpooledMedia.WriteAsync(content, maxBytes, NewSpoolPath(), cancellationToken).ConfigureAwait(false);
        var media = spool.Media;
        var now = _clock.GetUtcNow().ToUniversalTime();
        var expiresAt = now + _defaultRetention;

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Read committed, whatever the server's default: each statement must see rows other transactions committed
        // meanwhile (a concurrent put's insert, a sweep's delete) for the insert-or-extend loop to settle.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            // A concurrent put of the same new content makes this wait until that put commits (then: extend) or
            // rolls back (then: insert).
            if (await InsertMediaAsync(connection, transaction, media, now, expiresAt, cancellationToken).ConfigureAwait(false))
            {
                await CopyChunksAsync(connection, media.Key, spool.Path, cancellationToken).ConfigureAwait(false);
                break;
            }

            if (await ExtendAsync(connection, transaction, media.Key, expiresAt, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            // The row was deleted (it had expired) between the two statements: insert it again.
            if (attempt == PutAttempts)
            {
                throw new InvalidOperationException($"Media {media.Key} kept disappearing while it was being stored.");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return media;
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        MediaKey.ThrowIfInvalid(key);
        await using var command = _dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new MediaNotFoundException($"No media is stored under {key}.");
        }

        return new PostgresMediaStream(_dataSource, key, reader.GetInt64(0), reader.GetInt32(1));
    }

    public async Task<MediaFile> GetFileAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var source = await OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        var path = NewSpoolPath();
        try
        {
            await using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new MediaFile(path, temporary: true);
    }

    public async Task RetainUntilAsync(string key, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        MediaKey.ThrowIfInvalid(key);
        await using var command = _dataSource.CreateCommand(ExtendSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = until.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var command = _dataSource.CreateCommand(DeleteExpiredSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow().ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private static async Task<bool> InsertMediaAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        StoredMedia media,
        DateTimeOffset now,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertMediaSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = media.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = media.Md5 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = media.Length });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ChunkSize });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<bool> ExtendAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string key,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ExtendSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    // Binary COPY streams the chunks to the server one after the other: one round trip for the whole blob, and only
    // one chunk in memory at a time.
    private static async Task CopyChunksAsync(NpgsqlConnection connection, string key, string spoolPath, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var spool = new FileStream(spoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using var importer = await connection.BeginBinaryImportAsync(CopyChunksSql, cancellationToken).ConfigureAwait(false);
            var seq = 0;
            int read;
            while ((read = await spool.ReadAtLeastAsync(chunk.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(seq++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(new ArraySegment<byte>(chunk, 0, read), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private string NewSpoolPath() => Path.Combine(_spoolDirectory, SpoolPrefix + Guid.NewGuid().ToString("N"));
}
