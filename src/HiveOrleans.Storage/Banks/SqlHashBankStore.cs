using System.Data.Common;
using System.Globalization;

namespace HiveOrleans.Storage.Banks;

/// <summary>
/// What the PostgreSQL and SQLite hash-bank stores do alike: every read (a bank or all banks with their label counts,
/// a page of hashes, the change feed, the full load), the change feed's statement, and turning rows into records.
/// Each dialect supplies the statements that differ, how it opens connections and read transactions, binds
/// parameters and reads a time, and its writes, which draw sequence numbers each in its own way.
/// </summary>
/// <remarks>
/// The statements run here take positional parameters, <c>$1</c>, <c>$2</c>…, in both dialects: PostgreSQL numbers
/// them, and SQLite takes <c>$1</c> as a parameter's name (see <see cref="AddParameter"/>).
/// </remarks>
internal abstract class SqlHashBankStore : IHashBankStore
{
    /// <summary>Kinds are <see cref="HashBankChangeKind"/>'s values; the same text runs on both dialects.</summary>
    /// A setting's change is reported while it is the bank row's latest: a deletion or re-creation supersedes it.
    private const string ReadChangesSql = """
        SELECT seq, kind, bank, content_id, hash, label, match_transforms FROM (
            SELECT seq, CASE WHEN removed THEN 2 ELSE 1 END AS kind, bank, content_id, hash, label, NULL AS match_transforms
            FROM hive_hash_bank_entries WHERE seq > $1
            UNION ALL
            SELECT seq, CASE WHEN deleted THEN 4 ELSE 3 END, name, NULL, NULL, NULL, match_transforms
            FROM hive_hash_banks WHERE seq > $1
            UNION ALL
            SELECT settings_seq, 5, name, NULL, NULL, NULL, match_transforms
            FROM hive_hash_banks WHERE settings_seq > $1 AND settings_seq > seq
        ) AS changes
        ORDER BY seq
        LIMIT $2
        """;

    /// <summary>A deleted bank's hashes go with it; the bank's own row keeps its change in the feed.</summary>
    protected const string DeleteBankHashesSql = "DELETE FROM hive_hash_bank_entries WHERE bank = $1";

    /// <summary>The live bank named $1: name, description, created at, match transforms.</summary>
    protected abstract string GetBankSql { get; }

    /// <summary>Every live bank, by name: name, description, created at, match transforms.</summary>
    protected abstract string ListBanksSql { get; }

    /// <summary>Live hashes per bank and label, of the bank named $1 or (when $1 is NULL) of every bank.</summary>
    protected abstract string LabelCountsSql { get; }

    /// <summary>Whether the bank named $1 is live (true or 1); no row when it never existed.</summary>
    protected abstract string BankIsLiveSql { get; }

    /// <summary>How many live hashes the bank named $1 holds.</summary>
    protected abstract string CountHashesSql { get; }

    /// <summary>The bank $1's live hashes by content id, $2 skipped, at most $3: content id, hash, label, added at.</summary>
    protected abstract string ListHashesSql { get; }

    /// <summary>The last change the tables reflect.</summary>
    protected abstract string WatermarkSql { get; }

    /// <summary>One row per bank ever created: name, kind (created or deleted), its last change, match transforms.</summary>
    protected abstract string LoadBanksSql { get; }

    /// <summary>Every live hash of a live bank: seq, bank, content id, hash, label.</summary>
    protected abstract string LoadAllSql { get; }

    public abstract Task<HashBankWrite?> CreateBankAsync(string name, string description, bool matchTransforms, CancellationToken cancellationToken = default);

    public abstract Task<HashBankWrite?> UpdateBankAsync(string name, string? description, bool? matchTransforms, CancellationToken cancellationToken = default);

    public abstract Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default);

    public abstract Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default);

    public abstract Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default);

    public Task<StoredHashBank?> GetBankAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            var banks = await ReadBanksAsync(name, cancellationToken).ConfigureAwait(false);
            return banks.Count == 0 ? null : banks[0];
        }, cancellationToken);

    public Task<IReadOnlyList<StoredHashBank>> ListBanksAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<StoredHashBank>>(async () => await ReadBanksAsync(null, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<StoredHashPage?> ListHashesAsync(string bank, int offset, int limit, CancellationToken cancellationToken = default) =>
        RunAsync(() => ListHashesCoreAsync(bank, offset, limit, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<HashBankChange>> ReadChangesAsync(long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        RunAsync(() => ReadChangesCoreAsync(afterSeq, limit, cancellationToken), cancellationToken);

    public Task<long> LoadAllAsync(Action<HashBankChange> visit, CancellationToken cancellationToken = default) =>
        RunAsync(() => LoadAllCoreAsync(visit, cancellationToken), cancellationToken);

    /// <summary>Runs one call of the store; a dialect whose driver blocks in its async methods moves it off the caller's thread.</summary>
    protected virtual Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) => call();

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction whose reads all see one snapshot.</summary>
    protected abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Binds the command's next positional parameter (<c>$1</c> for the first) to <paramref name="value"/>.</summary>
    protected abstract void AddParameter<T>(DbCommand command, T value);

    /// <summary>A time as the dialect stores it (timestamptz, or Unix milliseconds).</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>A flag as either dialect stores it: a boolean on PostgreSQL, 0 or 1 on SQLite.</summary>
    protected static bool ReadFlag(DbDataReader reader, int ordinal) => Convert.ToBoolean(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    protected async Task<bool> IsLiveAsync(DbConnection connection, DbTransaction transaction, string bank, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, BankIsLiveSql);
        AddParameter(command, bank);

        // A boolean on PostgreSQL, 0 or 1 on SQLite; null when there is no such bank.
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } live
            && Convert.ToBoolean(live, CultureInfo.InvariantCulture);
    }

    private async Task<List<StoredHashBank>> ReadBanksAsync(string? name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One snapshot for the banks and their counts.
        await using var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var banks = new List<(string Name, string Description, DateTimeOffset CreatedAt, bool MatchTransforms)>();
        await using (var command = Command(connection, transaction, name is null ? ListBanksSql : GetBankSql))
        {
            if (name is not null)
            {
                AddParameter(command, name);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                banks.Add((reader.GetString(0), reader.GetString(1), ReadTime(reader, 2), ReadFlag(reader, 3)));
            }
        }

        var counts = new HashBankLabelCounts();
        if (banks.Count > 0)
        {
            await using var command = Command(connection, transaction, LabelCountsSql);
            AddParameter(command, name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. banks.Select(b => counts.Bank(b.Name, b.Description, b.CreatedAt, b.MatchTransforms))];
    }

    private async Task<StoredHashPage?> ListHashesCoreAsync(string bank, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // The count and the page see one snapshot.
        await using var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!await IsLiveAsync(connection, transaction, bank, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        long total;
        await using (var count = Command(connection, transaction, CountHashesSql))
        {
            AddParameter(count, bank);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var hashes = new List<StoredBankHash>();
        await using (var list = Command(connection, transaction, ListHashesSql))
        {
            AddParameter(list, bank);
            AddParameter(list, (long)offset);
            AddParameter(list, (long)limit);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hashes.Add(new StoredBankHash(reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadTime(reader, 3)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredHashPage(total, hashes);
    }

    private async Task<IReadOnlyList<HashBankChange>> ReadChangesCoreAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, ReadChangesSql);
        AddParameter(command, afterSeq);
        AddParameter(command, limit);
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
                reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                MatchTransforms = !reader.IsDBNull(6) && ReadFlag(reader, 6),
            });
        }

        return changes;
    }

    private async Task<long> LoadAllCoreAsync(Action<HashBankChange> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // The watermark and the rows from one snapshot. On PostgreSQL a writer not in the snapshot drew its numbers
        // after every writer in it had committed (the write lock), so they are all above the watermark; on SQLite the
        // clock is exactly the last change the rows reflect.
        await using var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        long watermark;
        await using (var mark = Command(connection, transaction, WatermarkSql))
        {
            watermark = (long)(await mark.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using (var banks = Command(connection, transaction, LoadBanksSql))
        {
            await using var reader = await banks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                visit(new HashBankChange(reader.GetInt64(2), (HashBankChangeKind)reader.GetInt32(1), reader.GetString(0), null, null, null)
                {
                    MatchTransforms = ReadFlag(reader, 3),
                });
            }
        }

        await using (var load = Command(connection, transaction, LoadAllSql))
        {
            await using var reader = await load.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                visit(new HashBankChange(reader.GetInt64(0), HashBankChangeKind.HashStored, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return watermark;
    }
}
