using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Reruns;

/// <summary>Task histories on SQLite (deploy/sql/sqlite/080-reruns.sql); appends share one transaction per batch.</summary>
internal sealed class SqliteTaskHistoryStore : ITaskHistoryStore, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    private const string AppendSql = """
        INSERT INTO hive_task_history (task_id, superseded_by, recorded_on_ms, entry)
        VALUES ($task_id, $superseded_by, $recorded_on_ms, $entry)
        ON CONFLICT (task_id, superseded_by) DO NOTHING
        """;

    private const string ReadSql = """
        SELECT superseded_by, recorded_on_ms, entry FROM hive_task_history WHERE task_id = $task_id ORDER BY recorded_on_ms, superseded_by
        """;

    private readonly string _connectionString;
    private readonly Batcher<HistoryRecord, bool> _appends;

    public SqliteTaskHistoryStore(string connectionString)
    {
        _connectionString = connectionString;
        _appends = new Batcher<HistoryRecord, bool>(AppendMany, MaxBatch, workers: 1, name: "history.append");
    }

    public Task AppendAsync(HistoryRecord entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _appends.EnqueueAsync(entry, cancellationToken);
    }

    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<HistoryRecord>>(
            () =>
            {
                using var connection = SqliteConnections.Open(_connectionString);
                using var command = new SqliteCommand(ReadSql, connection);
                command.Parameters.AddWithValue("$task_id", taskId.ToString("D", CultureInfo.InvariantCulture));
                var records = new List<HistoryRecord>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    records.Add(new HistoryRecord(taskId, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2)));
                }

                return records;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => _appends.DisposeAsync();

    private Task<IReadOnlyList<bool>> AppendMany(IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken)
    {
        using var connection = SqliteConnections.Open(_connectionString);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = new SqliteCommand(AppendSql, connection, transaction);
        var taskId = command.Parameters.Add("$task_id", SqliteType.Text);
        var supersededBy = command.Parameters.Add("$superseded_by", SqliteType.Text);
        var recordedOn = command.Parameters.Add("$recorded_on_ms", SqliteType.Integer);
        var entry = command.Parameters.Add("$entry", SqliteType.Blob);
        foreach (var record in records)
        {
            taskId.Value = record.TaskId.ToString("D", CultureInfo.InvariantCulture);
            supersededBy.Value = record.SupersededBy;
            recordedOn.Value = record.RecordedOn.ToUnixTimeMilliseconds();
            entry.Value = record.Entry;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult<IReadOnlyList<bool>>([.. records.Select(_ => true)]);
    }
}
