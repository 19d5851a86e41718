using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Banks;

/// <summary>
/// Hash banks in a SQLite file (embedded mode): this dialect's statements and its writes (the reads are
/// <see cref="SqlHashBankStore"/>'s). Writes run in <c>BEGIN IMMEDIATE</c> transactions: SQLite's one writer lock
/// serializes them, so the sequence numbers they take from <c>hive_hash_bank_clock</c> are in commit order.
/// </summary>
internal sealed class SqliteHashBankStore(string connectionString, TimeProvider clock) : SqlHashBankStore
{
    private const string WriteClockSql = "UPDATE hive_hash_bank_clock SET seq = $seq WHERE id = 0";

    private const string CreateBankSql = """
        INSERT INTO hive_hash_banks (name, description, created_at_ms, deleted, seq, match_transforms, settings_seq)
        VALUES ($name, $description, $now_ms, 0, $seq, $match_transforms, NULL)
        ON CONFLICT (name) DO UPDATE SET description = excluded.description, created_at_ms = excluded.created_at_ms, deleted = 0,
            seq = excluded.seq, match_transforms = excluded.match_transforms, settings_seq = NULL
        """;

    private const string ReadSettingSql = "SELECT match_transforms, max(seq, coalesce(settings_seq, 0)) FROM hive_hash_banks WHERE name = $name AND deleted = 0";

    private const string UpdateBankSql = """
        UPDATE hive_hash_banks SET description = coalesce($description, description), match_transforms = $match_transforms,
            settings_seq = coalesce($settings_seq, settings_seq)
        WHERE name = $name
        """;

    private const string DeleteBankSql = "UPDATE hive_hash_banks SET deleted = 1, seq = $seq WHERE name = $name";

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

    protected override string GetBankSql => "SELECT name, description, created_at_ms, match_transforms FROM hive_hash_banks WHERE name = $1 AND deleted = 0";

    protected override string ListBanksSql => "SELECT name, description, created_at_ms, match_transforms FROM hive_hash_banks WHERE deleted = 0 ORDER BY name";

    protected override string LabelCountsSql => """
        SELECT bank, label, count(*) FROM hive_hash_bank_entries
        WHERE removed = 0 AND ($1 IS NULL OR bank = $1)
        GROUP BY bank, label
        """;

    protected override string CountHashesSql => "SELECT count(*) FROM hive_hash_bank_entries WHERE bank = $1 AND removed = 0";

    protected override string ListHashesSql => """
        SELECT content_id, hash, label, added_at_ms FROM hive_hash_bank_entries
        WHERE bank = $1 AND removed = 0
        ORDER BY content_id
        LIMIT $3 OFFSET $2
        """;

    protected override string BankIsLiveSql => "SELECT deleted = 0 FROM hive_hash_banks WHERE name = $1";

    // The clock: the last sequence number a write drew, so exactly the last change the tables reflect.
    protected override string WatermarkSql => "SELECT seq FROM hive_hash_bank_clock WHERE id = 0";

    // Kinds are HashBankChangeKind's values.
    protected override string LoadBanksSql => """
        SELECT b.name, CASE WHEN b.deleted THEN 4 ELSE 3 END, max(b.seq, coalesce(b.settings_seq, 0), coalesce(max(e.seq), 0)), b.match_transforms
        FROM hive_hash_banks AS b LEFT JOIN hive_hash_bank_entries AS e ON e.bank = b.name
        GROUP BY b.name, b.deleted, b.seq, b.settings_seq, b.match_transforms
        """;

    protected override string LoadAllSql => """
        SELECT e.seq, e.bank, e.content_id, e.hash, e.label
        FROM hive_hash_bank_entries AS e JOIN hive_hash_banks AS b ON b.name = e.bank
        WHERE e.removed = 0 AND b.deleted = 0
        """;

    // Microsoft.Data.Sqlite's async methods complete synchronously, and a write waiting for SQLite's writer lock would
    // hold the caller's thread (a grain's: an Orleans scheduler thread). Each call therefore runs on the thread pool:
    // the writes here, the reads through RunAsync.
    public override Task<HashBankWrite?> CreateBankAsync(string name, string description, bool matchTransforms, CancellationToken cancellationToken = default) =>
        Task.Run(() => CreateBankCore(name, description, matchTransforms), cancellationToken);

    public override Task<HashBankWrite?> UpdateBankAsync(string name, string? description, bool? matchTransforms, CancellationToken cancellationToken = default) =>
        Task.Run(() => UpdateBankCore(name, description, matchTransforms), cancellationToken);

    public override Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default) =>
        Task.Run(() => DeleteBankCore(name), cancellationToken);

    public override Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default) =>
        Task.Run(() => AddHashesCore(bank, hashes, cancellationToken), cancellationToken);

    public override Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default) =>
        Task.Run(() => RemoveHashesCore(bank, contentIds, cancellationToken), cancellationToken);

    private HashBankWrite? CreateBankCore(string name, string description, bool matchTransforms)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        var now = clock.GetUtcNow();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (IsLive(connection, transaction, name))
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
            create.Parameters.AddWithValue("$match_transforms", matchTransforms);
            create.ExecuteNonQuery();
        }

        WriteClock(connection, transaction, seq);
        transaction.Commit();
        return new HashBankWrite(name, now, seq);
    }

    private HashBankWrite? UpdateBankCore(string name, string? description, bool? matchTransforms)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = clock.GetUtcNow();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        bool current;
        long last;
        using (var read = Command(connection, transaction, ReadSettingSql))
        {
            read.Parameters.AddWithValue("$name", name);
            using var reader = read.ExecuteReader();
            if (!reader.Read() || reader.IsDBNull(0))
            {
                return null;
            }

            (current, last) = (reader.GetInt64(0) != 0, reader.GetInt64(1));
        }

        // Only a changed setting is a change in the feed; a description is not in it.
        long? settingsSeq = matchTransforms is { } wanted && wanted != current ? ReadClock(connection, transaction) + 1 : null;
        using (var update = Command(connection, transaction, UpdateBankSql))
        {
            update.Parameters.AddWithValue("$name", name);
            update.Parameters.AddWithValue("$description", (object?)description ?? DBNull.Value);
            update.Parameters.AddWithValue("$match_transforms", matchTransforms ?? current);
            update.Parameters.AddWithValue("$settings_seq", (object?)settingsSeq ?? DBNull.Value);
            update.ExecuteNonQuery();
        }

        if (settingsSeq is { } seq)
        {
            WriteClock(connection, transaction, seq);
        }

        transaction.Commit();
        return new HashBankWrite(name, now, settingsSeq ?? last);
    }

    private HashBankWrite? DeleteBankCore(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = clock.GetUtcNow();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!IsLive(connection, transaction, name))
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
            hashes.Parameters.AddWithValue("$1", name);
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
        if (!IsLive(connection, transaction, bank))
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
        if (!IsLive(connection, transaction, bank))
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

    private bool IsLive(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var command = Command(connection, transaction, BankIsLiveSql);
        command.Parameters.AddWithValue("$1", name);
        return command.ExecuteScalar() is 1L;
    }

    private long ReadClock(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, WatermarkSql);
        return (long)command.ExecuteScalar()!;
    }

    private static void WriteClock(SqliteConnection connection, SqliteTransaction transaction, long seq)
    {
        using var command = Command(connection, transaction, WriteClockSql);
        command.Parameters.AddWithValue("$seq", seq);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql) =>
        new(sql, connection, transaction);

    private SqliteConnection Open() => SqliteConnections.Open(connectionString);

    protected override Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) => Task.Run(call, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);

    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Deferred: a read transaction, which in WAL mode sees one snapshot.
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    // SQLite takes "$1" as a parameter's name, so the base's positional statements bind by that name.
    protected override void AddParameter<T>(DbCommand command, T value) =>
        ((SqliteCommand)command).Parameters.AddWithValue("$" + (command.Parameters.Count + 1).ToString(CultureInfo.InvariantCulture), (object?)value ?? DBNull.Value);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
