using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Banks;

/// <summary>
/// Hash banks in a SQLite file (embedded mode). Every statement against the bank tables is in this class. Writes run
/// in <c>BEGIN IMMEDIATE</c> transactions: SQLite's one writer lock serializes them, so the sequence numbers they
/// take from <c>hive_hash_bank_clock</c> are in commit order.
/// </summary>
internal sealed class SqliteHashBankStore(string connectionString, TimeProvider clock) : IHashBankStore
{
    private const string ReadClockSql = "SELECT seq FROM hive_hash_bank_clock WHERE id = 0";

    private const string WriteClockSql = "UPDATE hive_hash_bank_clock SET seq = $seq WHERE id = 0";

    private const string BankStateSql = "SELECT deleted FROM hive_hash_banks WHERE name = $name";

    private const string CreateBankSql = """
        INSERT INTO hive_hash_banks (name, description, created_at_ms, deleted, seq) VALUES ($name, $description, $now_ms, 0, $seq)
        ON CONFLICT (name) DO UPDATE SET description = excluded.description, created_at_ms = excluded.created_at_ms, deleted = 0, seq = excluded.seq
        """;

    private const string DeleteBankSql = "UPDATE hive_hash_banks SET deleted = 1, seq = $seq WHERE name = $name";

    private const string DeleteBankHashesSql = "DELETE FROM hive_hash_bank_entries WHERE bank = $name";

    private const string GetBankSql = "SELECT name, description, created_at_ms FROM hive_hash_banks WHERE name = $name AND deleted = 0";

    private const string ListBanksSql = "SELECT name, description, created_at_ms FROM hive_hash_banks WHERE deleted = 0 ORDER BY name";

    private const string LabelCountsSql = """
        SELECT bank, label, count(*) FROM hive_hash_bank_entries
        WHERE removed = 0 AND ($name IS NULL OR bank = $name)
        GROUP BY bank, label
        """;

    private const string ExistingSql = "SELECT removed, hash, label FROM hive_hash_bank_entries WHERE bank = $bank AND content_id = $content_id";

    private const string StoreHashSql = """
        INSERT INTO hive_hash_bank_entries (bank, content_id, hash, label, added_at_ms, seq, removed)
        VALUES ($bank, $content_id, $hash, $label, $now_ms, $seq, 0)
        ON CONFLICT (bank, content_id) DO UPDATE
        SET hash = excluded.hash, label = excluded.label, added_at_ms = excluded.added_at_ms, seq = excluded.seq, removed = 0
        """;

    private const string RemoveHashSql = """
        UPDATE hive_hash_bank_entries SET removed = 1, seq = $seq
        WHERE bank = $bank AND content_id = $content_id AND removed = 0
        """;

    private const string CountHashesSql = "SELECT count(*) FROM hive_hash_bank_entries WHERE bank = $bank AND removed = 0";

    private const string ListHashesSql = """
        SELECT content_id, hash, label, added_at_ms FROM hive_hash_bank_entries
        WHERE bank = $bank AND removed = 0
        ORDER BY content_id
        LIMIT $limit OFFSET $offset
        """;

    // Kinds are HashBankChangeKind's values.
    private const string ReadChangesSql = """
        SELECT seq, kind, bank, content_id, hash, label FROM (
            SELECT seq, CASE WHEN removed THEN 2 ELSE 1 END AS kind, bank, content_id, hash, label
            FROM hive_hash_bank_entries WHERE seq > $after
            UNION ALL
            SELECT seq, CASE WHEN deleted THEN 4 ELSE 3 END, name, NULL, NULL, NULL
            FROM hive_hash_banks WHERE seq > $after)
        ORDER BY seq
        LIMIT $limit
        """;

    // Kinds are HashBankChangeKind's values.
    private const string LoadBanksSql = """
        SELECT b.name, CASE WHEN b.deleted THEN 4 ELSE 3 END, max(b.seq, coalesce(max(e.seq), 0))
        FROM hive_hash_banks AS b LEFT JOIN hive_hash_bank_entries AS e ON e.bank = b.name
        GROUP BY b.name, b.deleted, b.seq
        """;

    private const string LoadAllSql = """
        SELECT e.seq, e.bank, e.content_id, e.hash, e.label
        FROM hive_hash_bank_entries AS e JOIN hive_hash_banks AS b ON b.name = e.bank
        WHERE e.removed = 0 AND b.deleted = 0
        """;

    // Microsoft.Data.Sqlite's async methods complete synchronously, and a write waiting for SQLite's writer lock would
    // hold the caller's thread (a grain's: an Orleans scheduler thread). Each call therefore runs on the thread pool.
    public Task<HashBankWrite?> CreateBankAsync(string name, string description, CancellationToken cancellationToken = default) =>
        Task.Run(() => CreateBankCore(name, description), cancellationToken);

    public Task<StoredHashBank?> GetBankAsync(string name, CancellationToken cancellationToken = default) =>
        Task.Run(() => ReadBanks(name).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<StoredHashBank>> ListBanksAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => (IReadOnlyList<StoredHashBank>)ReadBanks(null), cancellationToken);

    public Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default) =>
        Task.Run(() => DeleteBankCore(name), cancellationToken);

    public Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default) =>
        Task.Run(() => AddHashesCore(bank, hashes, cancellationToken), cancellationToken);

    public Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default) =>
        Task.Run(() => RemoveHashesCore(bank, contentIds, cancellationToken), cancellationToken);

    public Task<StoredHashPage?> ListHashesAsync(string bank, int offset, int limit, CancellationToken cancellationToken = default) =>
        Task.Run(() => ListHashesCore(bank, offset, limit), cancellationToken);

    public Task<IReadOnlyList<HashBankChange>> ReadChangesAsync(long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        Task.Run(() => (IReadOnlyList<HashBankChange>)ReadChangesCore(afterSeq, limit), cancellationToken);

    public Task<long> LoadAllAsync(Action<HashBankChange> visit, CancellationToken cancellationToken = default) =>
        Task.Run(() => LoadAllCore(visit, cancellationToken), cancellationToken);

    private HashBankWrite? CreateBankCore(string name, string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        var now = clock.GetUtcNow();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (BankState(connection, transaction, name) == BankRow.Live)
        {
            return null;
        }

        var seq = ReadClock(connection, transaction) + 1;
        using (var create = Command(connection, transaction, CreateBankSql))
        {
            create.Parameters.AddWithValue("$name", name);
            create.Parameters.AddWithValue("$description", description);
            create.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
            create.Parameters.AddWithValue("$seq", seq);
            create.ExecuteNonQuery();
        }

        WriteClock(connection, transaction, seq);
        transaction.Commit();
        return new HashBankWrite(name, now, seq);
    }

    private HashBankWrite? DeleteBankCore(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = clock.GetUtcNow();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (BankState(connection, transaction, name) != BankRow.Live)
        {
            return null;
        }

        var seq = ReadClock(connection, transaction) + 1;
        using (var delete = Command(connection, transaction, DeleteBankSql))
        {
            delete.Parameters.AddWithValue("$name", name);
            delete.Parameters.AddWithValue("$seq", seq);
            delete.ExecuteNonQuery();
        }

        using (var hashes = Command(connection, transaction, DeleteBankHashesSql))
        {
            hashes.Parameters.AddWithValue("$name", name);
            hashes.ExecuteNonQuery();
        }

        WriteClock(connection, transaction, seq);
        transaction.Commit();
        return new HashBankWrite(name, now, seq);
    }

    private HashesStored? AddHashesCore(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentNullException.ThrowIfNull(hashes);
        HashBankBatch.RequireDistinct([.. hashes.Select(h => h.ContentId)]);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (BankState(connection, transaction, bank) != BankRow.Live)
        {
            return null;
        }

        var first = ReadClock(connection, transaction) + 1;
        var seq = first - 1;
        int added = 0, replaced = 0;
        using var existing = Command(connection, transaction, ExistingSql);
        existing.Parameters.AddWithValue("$bank", bank);
        var existingId = existing.Parameters.Add("$content_id", SqliteType.Text);
        using var store = Command(connection, transaction, StoreHashSql);
        store.Parameters.AddWithValue("$bank", bank);
        store.Parameters.AddWithValue("$now_ms", nowMs);
        var storeId = store.Parameters.Add("$content_id", SqliteType.Text);
        var storeHash = store.Parameters.Add("$hash", SqliteType.Text);
        var storeLabel = store.Parameters.Add("$label", SqliteType.Text);
        var storeSeq = store.Parameters.Add("$seq", SqliteType.Integer);

        foreach (var hash in hashes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            existingId.Value = hash.ContentId;
            bool live;
            using (var reader = existing.ExecuteReader())
            {
                if (reader.Read())
                {
                    live = reader.GetInt64(0) == 0;
                    if (live && reader.GetString(1) == hash.Hash && reader.GetString(2) == hash.Label)
                    {
                        continue;
                    }
                }
                else
                {
                    live = false;
                }
            }

            storeId.Value = hash.ContentId;
            storeHash.Value = hash.Hash;
            storeLabel.Value = hash.Label;
            storeSeq.Value = ++seq;
            store.ExecuteNonQuery();
            if (live)
            {
                replaced++;
            }
            else
            {
                added++;
            }
        }

        if (seq >= first)
        {
            WriteClock(connection, transaction, seq);
        }

        transaction.Commit();
        return new HashesStored(added, replaced, hashes.Count - added - replaced, seq >= first ? seq : 0);
    }

    private HashRemoval? RemoveHashesCore(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentNullException.ThrowIfNull(contentIds);
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (BankState(connection, transaction, bank) != BankRow.Live)
        {
            return null;
        }

        var first = ReadClock(connection, transaction) + 1;
        var seq = first - 1;
        using var remove = Command(connection, transaction, RemoveHashSql);
        remove.Parameters.AddWithValue("$bank", bank);
        var id = remove.Parameters.Add("$content_id", SqliteType.Text);
        var removeSeq = remove.Parameters.Add("$seq", SqliteType.Integer);
        foreach (var contentId in contentIds.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            id.Value = contentId;
            removeSeq.Value = seq + 1;
            if (remove.ExecuteNonQuery() > 0)
            {
                seq++;
            }
        }

        if (seq >= first)
        {
            WriteClock(connection, transaction, seq);
        }

        transaction.Commit();
        return new HashRemoval((int)(seq - first + 1), seq >= first ? seq : 0);
    }

    private StoredHashPage? ListHashesCore(string bank, int offset, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(bank);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = Open();

        // A read transaction in WAL mode: the count and the page see one snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        if (BankState(connection, transaction, bank) != BankRow.Live)
        {
            return null;
        }

        long total;
        using (var count = Command(connection, transaction, CountHashesSql))
        {
            count.Parameters.AddWithValue("$bank", bank);
            total = (long)count.ExecuteScalar()!;
        }

        var hashes = new List<StoredBankHash>();
        using (var list = Command(connection, transaction, ListHashesSql))
        {
            list.Parameters.AddWithValue("$bank", bank);
            list.Parameters.AddWithValue("$offset", offset);
            list.Parameters.AddWithValue("$limit", limit);
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                hashes.Add(new StoredBankHash(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }
        }

        transaction.Commit();
        return new StoredHashPage(total, hashes);
    }

    private List<HashBankChange> ReadChangesCore(long afterSeq, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = Open();
        using var command = Command(connection, null, ReadChangesSql);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        var changes = new List<HashBankChange>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
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

    private long LoadAllCore(Action<HashBankChange> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var connection = Open();

        // The clock and the rows from one snapshot: the clock is exactly the last change the rows reflect.
        using var transaction = connection.BeginTransaction(deferred: true);
        var watermark = ReadClock(connection, transaction);
        using (var banks = Command(connection, transaction, LoadBanksSql))
        {
            using var reader = banks.ExecuteReader();
            while (reader.Read())
            {
                visit(new HashBankChange(reader.GetInt64(2), (HashBankChangeKind)reader.GetInt32(1), reader.GetString(0), null, null, null));
            }
        }

        using (var load = Command(connection, transaction, LoadAllSql))
        {
            using var reader = load.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                visit(new HashBankChange(reader.GetInt64(0), HashBankChangeKind.HashStored, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        transaction.Commit();
        return watermark;
    }

    private List<StoredHashBank> ReadBanks(string? name)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var banks = new List<(string Name, string Description, DateTimeOffset CreatedAt)>();
        using (var command = Command(connection, transaction, name is null ? ListBanksSql : GetBankSql))
        {
            if (name is not null)
            {
                command.Parameters.AddWithValue("$name", name);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                banks.Add((reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }
        }

        var counts = new HashBankLabelCounts();
        if (banks.Count > 0)
        {
            using var command = Command(connection, transaction, LabelCountsSql);
            command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            }
        }

        transaction.Commit();
        return [.. banks.Select(b => counts.Bank(b.Name, b.Description, b.CreatedAt))];
    }

    private static BankRow BankState(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var command = Command(connection, transaction, BankStateSql);
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() switch
        {
            null => BankRow.Missing,
            0L => BankRow.Live,
            _ => BankRow.Deleted,
        };
    }

    private static long ReadClock(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, ReadClockSql);
        return (long)command.ExecuteScalar()!;
    }

    private static void WriteClock(SqliteConnection connection, SqliteTransaction transaction, long seq)
    {
        using var command = Command(connection, transaction, WriteClockSql);
        command.Parameters.AddWithValue("$seq", seq);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql) =>
        new(sql, connection, transaction);

    private SqliteConnection Open() => SqliteConnections.Open(connectionString);

    private enum BankRow
    {
        Missing,
        Live,
        Deleted,
    }
}
