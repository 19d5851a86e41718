using System.Data;
using Npgsql;

namespace HiveOrleans.Storage.Banks;

/// <summary>
/// Hash banks on PostgreSQL. Every statement against the bank tables is in this class. Each write runs in a
/// transaction that first takes <see cref="WriteLockKey"/>, so sequence numbers are drawn in commit order (see
/// deploy/sql/postgresql/030-hash-banks.sql for why).
/// </summary>
internal sealed class PostgresHashBankStore : IHashBankStore, IAsyncDisposable
{
    // Any fixed number, the same in every process writing to one database, and not SchemaInstaller's. The bytes spell "HiveBank".
    private const long WriteLockKey = 0x48_69_76_65_42_61_6E_6B;

    private const string LockSql = "SELECT pg_advisory_xact_lock($1)";

    private const string CreateBankSql = """
        INSERT INTO hive_hash_banks AS b (name, description, created_at, deleted, seq)
        VALUES ($1, $2, $3, false, nextval('hive_hash_bank_seq'))
        ON CONFLICT (name) DO UPDATE
        SET description = EXCLUDED.description, created_at = EXCLUDED.created_at, deleted = false, seq = EXCLUDED.seq
        WHERE b.deleted
        RETURNING b.seq
        """;

    private const string DeleteBankSql = """
        UPDATE hive_hash_banks SET deleted = true, seq = nextval('hive_hash_bank_seq')
        WHERE name = $1 AND NOT deleted
        RETURNING seq
        """;

    private const string DeleteBankHashesSql = "DELETE FROM hive_hash_bank_entries WHERE bank = $1";

    private const string BankIsLiveSql = "SELECT NOT deleted FROM hive_hash_banks WHERE name = $1";

    private const string GetBankSql = "SELECT name, description, created_at FROM hive_hash_banks WHERE name = $1 AND NOT deleted";

    private const string ListBanksSql = "SELECT name, description, created_at FROM hive_hash_banks WHERE NOT deleted ORDER BY name";

    private const string LabelCountsSql = """
        SELECT bank, label, count(*) FROM hive_hash_bank_entries
        WHERE NOT removed AND ($1::text IS NULL OR bank = $1)
        GROUP BY bank, label
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

    private const string CountHashesSql = "SELECT count(*) FROM hive_hash_bank_entries WHERE bank = $1 AND NOT removed";

    private const string ListHashesSql = """
        SELECT content_id, hash, label, added_at FROM hive_hash_bank_entries
        WHERE bank = $1 AND NOT removed
        ORDER BY content_id
        OFFSET $2 LIMIT $3
        """;

    // Kinds are HashBankChangeKind's values.
    private const string ReadChangesSql = """
        SELECT seq, kind, bank, content_id, hash, label FROM (
            SELECT seq, CASE WHEN removed THEN 2 ELSE 1 END AS kind, bank, content_id, hash, label
            FROM hive_hash_bank_entries WHERE seq > $1
            UNION ALL
            SELECT seq, CASE WHEN deleted THEN 4 ELSE 3 END, name, NULL, NULL, NULL
            FROM hive_hash_banks WHERE seq > $1
        ) AS changes
        ORDER BY seq
        LIMIT $2
        """;

    private const string WatermarkSql = """
        SELECT greatest(
            (SELECT coalesce(max(seq), 0) FROM hive_hash_bank_entries),
            (SELECT coalesce(max(seq), 0) FROM hive_hash_banks))
        """;

    // Kinds are HashBankChangeKind's values.
    private const string LoadBanksSql = """
        SELECT b.name, CASE WHEN b.deleted THEN 4 ELSE 3 END, greatest(b.seq, coalesce(max(e.seq), 0))
        FROM hive_hash_banks AS b LEFT JOIN hive_hash_bank_entries AS e ON e.bank = b.name
        GROUP BY b.name, b.deleted, b.seq
        """;

    private const string LoadAllSql = """
        SELECT e.seq, e.bank, e.content_id, e.hash, e.label
        FROM hive_hash_bank_entries AS e JOIN hive_hash_banks AS b ON b.name = e.bank
        WHERE NOT e.removed AND NOT b.deleted
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

    public async Task<HashBankWrite?> CreateBankAsync(string name, string description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        var now = _clock.GetUtcNow();
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(CreateBankSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = description });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            var seq = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return seq is long created ? new HashBankWrite(name, now, created) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredHashBank?> GetBankAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // One snapshot for the bank and its counts.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var banks = await ReadBanksAsync(connection, transaction, GetBankSql, name, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return banks.Count == 0 ? null : banks[0];
    }

    public async Task<IReadOnlyList<StoredHashBank>> ListBanksAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var banks = await ReadBanksAsync(connection, transaction, ListBanksSql, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return banks;
    }

    public async Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = _clock.GetUtcNow();
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var delete = new NpgsqlCommand(DeleteBankSql, connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            if (await delete.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long seq)
            {
                return null;
            }

            await using var hashes = new NpgsqlCommand(DeleteBankHashesSql, connection, transaction);
            hashes.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await hashes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new HashBankWrite(name, now, seq);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default)
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
            await using (var existing = new NpgsqlCommand(ExistingSql, connection, transaction))
            {
                existing.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bank });
                existing.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = contentIds });
                await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    wasLive[reader.GetString(0)] = !reader.GetBoolean(1);
                }
            }

            await using var store = new NpgsqlCommand(StoreHashesSql, connection, transaction);
            store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bank });
            store.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = contentIds });
            store.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashes.Select(h => h.Hash)] });
            store.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashes.Select(h => h.Label)] });
            store.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
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

    public async Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default)
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

            await using var remove = new NpgsqlCommand(RemoveHashesSql, connection, transaction);
            remove.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bank });
            remove.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
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

    public async Task<StoredHashPage?> ListHashesAsync(string bank, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        if (!await IsLiveAsync(connection, transaction, bank, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        long total;
        await using (var count = new NpgsqlCommand(CountHashesSql, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bank });
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var hashes = new List<StoredBankHash>();
        await using (var list = new NpgsqlCommand(ListHashesSql, connection, transaction))
        {
            list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bank });
            list.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offset });
            list.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hashes.Add(new StoredBankHash(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredHashPage(total, hashes);
    }

    public async Task<IReadOnlyList<HashBankChange>> ReadChangesAsync(long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(ReadChangesSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var changes = new List<HashBankChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new HashBankChange(
                reader.GetInt64(0),
                (HashBankChangeKind)reader.GetInt32(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return changes;
    }

    public async Task<long> LoadAllAsync(Action<HashBankChange> visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Repeatable read: the watermark and the rows come from one snapshot. A writer not in the snapshot drew its
        // numbers after every writer in it had committed (the write lock), so they are all above the watermark.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long watermark;
        await using (var mark = new NpgsqlCommand(WatermarkSql, connection, transaction))
        {
            watermark = (long)(await mark.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using (var banks = new NpgsqlCommand(LoadBanksSql, connection, transaction))
        {
            await using var reader = await banks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                visit(new HashBankChange(reader.GetInt64(2), (HashBankChangeKind)reader.GetInt32(1), reader.GetString(0), null, null, null));
            }
        }

        await using (var load = new NpgsqlCommand(LoadAllSql, connection, transaction))
        {
            await using var reader = await load.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                visit(new HashBankChange(reader.GetInt64(0), HashBankChangeKind.HashStored, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return watermark;
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private async Task<T?> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T?>> write, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var takeLock = new NpgsqlCommand(LockSql, connection, transaction))
        {
            takeLock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = WriteLockKey });
            await takeLock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = await write(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task<bool> IsLiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string bank, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(BankIsLiveSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bank });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static async Task<List<StoredHashBank>> ReadBanksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string? name, CancellationToken cancellationToken)
    {
        var banks = new List<(string Name, string Description, DateTimeOffset CreatedAt)>();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            if (name is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                banks.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        if (banks.Count == 0)
        {
            return [];
        }

        var counts = new HashBankLabelCounts();
        await using (var command = new NpgsqlCommand(LabelCountsSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            }
        }

        return [.. banks.Select(b => counts.Bank(b.Name, b.Description, b.CreatedAt))];
    }
}
