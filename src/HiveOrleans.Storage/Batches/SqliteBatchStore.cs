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

    private const string CloseSql = "UPDATE hive_batch SET items = $items, rejected = $rejected WHERE batch_id = $batch_id";

    private const string ReadSql = "SELECT project_id, created_on_ms, callback_url, items, rejected FROM hive_batch WHERE batch_id = $batch_id";

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

    public Task CloseAsync(Guid batchId, int items, int rejected, CancellationToken cancellationToken = default) =>
        WriteAsync(CloseSql, command =>
        {
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            command.Parameters.AddWithValue("$items", items);
            command.Parameters.AddWithValue("$rejected", rejected);
        }, cancellationToken);

    public Task<BatchRow?> ReadAsync(Guid batchId, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(ReadSql, connection);
            command.Parameters.AddWithValue("$batch_id", ToText(batchId));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new BatchRow(
                    batchId,
                    reader.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4))
                : null;
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

    private static string ToText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
