using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Batches;

/// <summary>
/// The batch store in a SQLite file (embedded mode; deploy/sql/sqlite/070-batches.sql). As elsewhere, no call runs
/// on the caller's thread (Microsoft.Data.Sqlite's async methods complete synchronously).
/// </summary>
internal sealed class SqliteBatchStore(string connectionString) : IBatchStore
{
    private const string CreateSql = """
        INSERT INTO hive_batch (batch_id, project_id, created_on_ms, callback_url) VALUES ($batch_id, $project_id, $created_on_ms, $callback_url)
        ON CONFLICT (batch_id) DO NOTHING
        """;

    private const string AddChunkSql = """
        INSERT INTO hive_batch_chunk (batch_id, chunk, task_ids) VALUES ($batch_id, $chunk, $task_ids)
        ON CONFLICT (batch_id, chunk) DO UPDATE SET task_ids = excluded.task_ids
        """;

    private const string CloseSql = "UPDATE hive_batch SET items = $items, rejected = $rejected, callback_due_ms = CASE WHEN callback_url IS NULL THEN NULL ELSE $due_ms END WHERE batch_id = $batch_id";

    private const string Columns = "batch_id, project_id, created_on_ms, callback_url, items, rejected, callback_attempts, callback_outcome";

    private const string ReadSql = $"SELECT {Columns} FROM hive_batch WHERE batch_id = $batch_id";

    private const string ClaimSql = $"""
        UPDATE hive_batch SET callback_due_ms = $lease_ms
        WHERE batch_id IN (SELECT batch_id FROM hive_batch WHERE callback_due_ms <= $now_ms ORDER BY callback_due_ms LIMIT $max)
        RETURNING {Columns}
        """;

    private const string ScheduleSql = """
        UPDATE hive_batch SET callback_due_ms = $due_ms, callback_attempts = $attempts, callback_outcome = $outcome WHERE batch_id = $batch_id
        """;

    private const string StartSql = """
        UPDATE hive_task SET due_at_ms = $now_ms
        WHERE task_id IN (SELECT j.value FROM hive_batch_chunk c, json_each(c.task_ids) AS j WHERE c.batch_id = $batch_id) AND due_at_ms > $now_ms
        """;

    private const string ListSql = """
        SELECT j.value FROM hive_batch_chunk c, json_each(c.task_ids) AS j WHERE c.batch_id = $batch_id ORDER BY c.chunk, j.key
        """;

    private const string CountSql = """
        SELECT json_extract(CAST(t.state AS TEXT), '$.Phase') AS phase, count(*)
        FROM hive_batch_chunk c, json_each(c.task_ids) AS j
        JOIN hive_task t ON t.task_id = j.value
        WHERE c.batch_id = $batch_id AND t.state IS NOT NULL AND length(t.state) > 0
        GROUP BY 1
        """;

    public Task CreateAsync(BatchRow batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return WriteAsync(CreateSql, command =>
        {
            command.Parameters.AddWithValue("$batch_id", ToText(batch.BatchId));
            command.Parameters.AddWithValue("$project_id", batch.ProjectId);
            command.Parameters.AddWithValue("$created_on_ms", batch.CreatedOn.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$callback_url", (object?)batch.CallbackUrl ?? DBNull.Value);
        }, cancellationToken);
    }

    public Task AddChunkAsync(Guid batchId, int chunk, IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        return WriteAsync(AddChunkSql, command =>
        {
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            command.Parameters.AddWithValue("$chunk", chunk);
            command.Parameters.AddWithValue("$task_ids", JsonSerializer.Serialize(taskIds.Select(ToText).ToArray(), BatchJson.Default.StringArray));
        }, cancellationToken);
    }

    public Task CloseAsync(Guid batchId, int items, int rejected, DateTimeOffset? callbackDueAt, CancellationToken cancellationToken = default) =>
        WriteAsync(CloseSql, command =>
        {
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            command.Parameters.AddWithValue("$items", items);
            command.Parameters.AddWithValue("$rejected", rejected);
            command.Parameters.AddWithValue("$due_ms", callbackDueAt is { } due ? due.ToUnixTimeMilliseconds() : DBNull.Value);
        }, cancellationToken);

    public Task<IReadOnlyList<BatchRow>> ClaimCallbacksAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<BatchRow>>(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(ClaimSql, connection);
            command.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$lease_ms", leaseUntil.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            var rows = new List<BatchRow>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(RowOf(reader));
            }

            return rows;
        }, cancellationToken);

    public Task ScheduleCallbackAsync(Guid batchId, DateTimeOffset? dueAt, int attempts, string? outcome, CancellationToken cancellationToken = default) =>
        WriteAsync(ScheduleSql, command =>
        {
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            command.Parameters.AddWithValue("$due_ms", dueAt is { } due ? due.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$attempts", attempts);
            command.Parameters.AddWithValue("$outcome", (object?)outcome ?? DBNull.Value);
        }, cancellationToken);

    public Task<int> StartTasksAsync(Guid batchId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using (var durable = new SqliteCommand("PRAGMA synchronous = FULL", connection))
            {
                durable.ExecuteNonQuery();
            }

            using var command = new SqliteCommand(StartSql, connection);
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            command.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<Guid>> ListTaskIdsAsync(Guid batchId, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<Guid>>(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(ListSql, connection);
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            var ids = new List<Guid>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
            }

            return ids;
        }, cancellationToken);

    public Task<BatchRow?> ReadAsync(Guid batchId, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(ReadSql, connection);
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? RowOf(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<int, long>> CountPhasesAsync(Guid batchId, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyDictionary<int, long>>(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(CountSql, connection);
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            var counts = new Dictionary<int, long>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    counts[reader.GetInt32(0)] = reader.GetInt64(1);
                }
            }

            return counts;
        }, cancellationToken);

    private Task WriteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using (var durable = new SqliteCommand("PRAGMA synchronous = FULL", connection))
            {
                durable.ExecuteNonQuery();
            }

            using var command = new SqliteCommand(sql, connection);
            bind(command);
            command.ExecuteNonQuery();
        }, cancellationToken);

    private static BatchRow RowOf(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
        reader.GetInt64(1),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetInt32(5),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7));

    private static string ToText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
