using System.Data;
using System.Data.Common;
using Npgsql;

namespace HiveOrleans.Storage.Banks;

/// <summary>
/// Hash banks on PostgreSQL: this dialect's statements and its writes (the reads are <see cref="SqlHashBankStore"/>'s).
/// Each write runs in a transaction that first takes <see cref="WriteLockKey"/>, so sequence numbers are drawn in
/// commit order (see deploy/sql/postgresql/030-hash-banks.sql for why).
/// </summary>
internal sealed class PostgresHashBankStore : SqlHashBankStore, IAsyncDisposable
{
    // Any fixed number, the same in every process writing to one database, and not SchemaInstaller's. The bytes spell "HiveBank".
    private const long WriteLockKey = 0x48_69_76_65_42_61_6E_6B;

    private const string LockSql = "SELECT pg_advisory_xact_lock($1)";

    private const string CreateBankSql = """
        INSERT INTO hive_hash_banks AS b (name, description, created_at, deleted, seq, match_transforms, settings_seq)
        VALUES ($1, $2, $3, false, nextval('hive_hash_bank_seq'), $4, NULL)
        ON CONFLICT (name) DO UPDATE
        SET description = EXCLUDED.description, created_at = EXCLUDED.created_at, deleted = false, seq = EXCLUDED.seq,
            match_transforms = EXCLUDED.match_transforms, settings_seq = NULL
        WHERE b.deleted
        RETURNING b.seq
        """;

    private const string DeleteBankSql = """
        UPDATE hive_hash_banks SET deleted = true, seq = nextval('hive_hash_bank_seq')
        WHERE name = $1 AND NOT deleted
        RETURNING seq
        """;

    // SET reads the row as it was, so the CASE sees the old setting; nextval is drawn only when it changes.
    private const string UpdateBankSql = """
        UPDATE hive_hash_banks
        SET description = coalesce($2, description),
            settings_seq = CASE WHEN $3::boolean IS DISTINCT FROM match_transforms AND $3::boolean IS NOT NULL
                THEN nextval('hive_hash_bank_seq') ELSE settings_seq END,
            match_transforms = coalesce($3::boolean, match_transforms)
        WHERE name = $1 AND NOT deleted
        RETURNING greatest(seq, coalesce(settings_seq, 0))
        """;

    private const string ExistingSql = """
        SELECT content_id, removed FROM hive_hash_bank_entries
        WHERE bank = $1 AND content_id = ANY($2)
        """;

    // An id that already holds the same hash and label is left alone: no new seq, so pollers see only real changes.
    // nextval is still drawn for such rows before the conflict is found; gaps in the sequence are harmless.
    private const string StoreHashesSql = """
        INSERT INTO hive_hash_bank_entries AS e (bank, content_id, hash, label, added_at, seq, removed)
        SELECT $1, t.content_id, t.hash, t.label, $5, nextval('hive_hash_bank_seq'), false
        FROM unnest($2::text[], $3::text[], $4::text[]) AS t(content_id, hash, label)
        ON CONFLICT (bank, content_id) DO UPDATE
        SET hash = EXCLUDED.hash, label = EXCLUDED.label, added_at = EXCLUDED.added_at, seq = EXCLUDED.seq, removed = false
        WHERE e.removed OR e.hash <> EXCLUDED.hash OR e.label <> EXCLUDED.label
        RETURNING e.content_id, e.seq
        """;

    private const string RemoveHashesSql = """
        UPDATE hive_hash_bank_entries SET removed = true, seq = nextval('hive_hash_bank_seq')
        WHERE bank = $1 AND content_id = ANY($2) AND NOT removed
        RETURNING seq
        """;

    private readonly PostgresPool _pool;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;

    public PostgresHashBankStore(string connectionString, TimeProvider clock)
    {
        _pool = PostgresPool.Rent(connectionString);
        _dataSource = _pool.DataSource;
        _clock = clock;
    }

    protected override string BankIsLiveSql => "SELECT NOT deleted FROM hive_hash_banks WHERE name = $1";

    protected override string GetBankSql => "SELECT name, description, created_at, match_transforms FROM hive_hash_banks WHERE name = $1 AND NOT deleted";

    protected override string ListBanksSql => "SELECT name, description, created_at, match_transforms FROM hive_hash_banks WHERE NOT deleted ORDER BY name";

    protected override string LabelCountsSql => """
        SELECT bank, label, count(*) FROM hive_hash_bank_entries
        WHERE NOT removed AND ($1::text IS NULL OR bank = $1)
        GROUP BY bank, label
        """;

    protected override string CountHashesSql => "SELECT count(*) FROM hive_hash_bank_entries WHERE bank = $1 AND NOT removed";

    protected override string ListHashesSql => """
        SELECT content_id, hash, label, added_at FROM hive_hash_bank_entries
        WHERE bank = $1 AND NOT removed
        ORDER BY content_id
        OFFSET $2 LIMIT $3
        """;

    protected override string WatermarkSql => """
        SELECT greatest(
            (SELECT coalesce(max(seq), 0) FROM hive_hash_bank_entries),
            (SELECT coalesce(max(seq), 0) FROM hive_hash_banks),
            (SELECT coalesce(max(settings_seq), 0) FROM hive_hash_banks))
        """;

    // Kinds are HashBankChangeKind's values.
    protected override string LoadBanksSql => """
        SELECT b.name, CASE WHEN b.deleted THEN 4 ELSE 3 END, greatest(b.seq, coalesce(b.settings_seq, 0), coalesce(max(e.seq), 0)), b.match_transforms
        FROM hive_hash_banks AS b LEFT JOIN hive_hash_bank_entries AS e ON e.bank = b.name
        GROUP BY b.name, b.deleted, b.seq, b.settings_seq, b.match_transforms
        """;

    protected override string LoadAllSql => """
        SELECT e.seq, e.bank, e.content_id, e.hash, e.label
        FROM hive_hash_bank_entries AS e JOIN hive_hash_banks AS b ON b.name = e.bank
        WHERE NOT e.removed AND NOT b.deleted
        """;

    public override async Task<HashBankWrite?> CreateBankAsync(string name, string description, bool matchTransforms, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        var now = _clock.GetUtcNow();
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, CreateBankSql);
            AddParameter(command, name);
            AddParameter(command, description);
            AddParameter(command, now);
            AddParameter(command, matchTransforms);
            var seq = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return seq is long created ? new HashBankWrite(name, now, created) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<HashBankWrite?> UpdateBankAsync(string name, string? description, bool? matchTransforms, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = _clock.GetUtcNow();
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, UpdateBankSql);
            AddParameter(command, name);
            AddParameter(command, description);
            AddParameter(command, matchTransforms);
            var seq = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return seq is long last ? new HashBankWrite(name, now, last) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = _clock.GetUtcNow();
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction, DeleteBankSql);
            AddParameter(delete, name);
            if (await delete.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long seq)
            {
                return null;
            }

            await using var hashes = Command(connection, transaction, DeleteBankHashesSql);
            AddParameter(hashes, name);
            await hashes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new HashBankWrite(name, now, seq);
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentNullException.ThrowIfNull(hashes);
        var contentIds = hashes.Select(h => h.ContentId).ToArray();
        HashBankBatch.RequireDistinct(contentIds);
        var now = _clock.GetUtcNow();

        return await WriteAsync(async (connection, transaction) =>
        {
            if (!await IsLiveAsync(connection, transaction, bank, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            // The lock keeps other writers out, so what is read here is still true when the upsert runs.
            var wasLive = new Dictionary<string, bool>(StringComparer.Ordinal);
            await using (var existing = Command(connection, transaction, ExistingSql))
            {
                AddParameter(existing, bank);
                AddParameter(existing, contentIds);
                await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    wasLive[reader.GetString(0)] = !reader.GetBoolean(1);
                }
            }

            await using var store = Command(connection, transaction, StoreHashesSql);
            AddParameter(store, bank);
            AddParameter(store, contentIds);
            AddParameter<string[]>(store, [.. hashes.Select(h => h.Hash)]);
            AddParameter<string[]>(store, [.. hashes.Select(h => h.Label)]);
            AddParameter(store, now);
            int added = 0, replaced = 0;
            long lastSeq = 0;
            await using var changed = await store.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await changed.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (wasLive.GetValueOrDefault(changed.GetString(0)))
                {
                    replaced++;
                }
                else
                {
                    added++;
                }

                lastSeq = Math.Max(lastSeq, changed.GetInt64(1));
            }

            return new HashesStored(added, replaced, hashes.Count - added - replaced, lastSeq);
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentNullException.ThrowIfNull(contentIds);
        var ids = contentIds.Distinct(StringComparer.Ordinal).ToArray();

        return await WriteAsync(async (connection, transaction) =>
        {
            if (!await IsLiveAsync(connection, transaction, bank, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            await using var remove = Command(connection, transaction, RemoveHashesSql);
            AddParameter(remove, bank);
            AddParameter(remove, ids);
            var removed = 0;
            long lastSeq = 0;
            await using var reader = await remove.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                removed++;
                lastSeq = Math.Max(lastSeq, reader.GetInt64(0));
            }

            return new HashRemoval(removed, lastSeq);
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    protected override void AddParameter<T>(DbCommand command, T value) =>
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private async Task<T?> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T?>> write, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var takeLock = Command(connection, transaction, LockSql))
        {
            AddParameter(takeLock, WriteLockKey);
            await takeLock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = await write(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
