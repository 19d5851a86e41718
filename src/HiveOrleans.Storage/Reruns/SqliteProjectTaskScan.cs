using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Reruns;

/// <summary>
/// A project's tasks read in pages on SQLite, through the index hive_task_by_project. Ids are canonical lowercase
/// text, which sorts as the GUIDs' bytes do. Each call runs on the thread pool (Microsoft.Data.Sqlite's async is not).
/// </summary>
internal sealed class SqliteProjectTaskScan(string connectionString) : IProjectTaskScan
{
    private const string PageSql = """
        SELECT task_id, state FROM hive_task
        WHERE project_id = $project AND task_id > $after AND task_id < $before
        ORDER BY task_id
        LIMIT $limit
        """;

    private const string CountSql = "SELECT count(*) FROM hive_task WHERE project_id = $project AND task_id > $after AND task_id < $before";

    public Task<IReadOnlyList<ScannedTask>> ReadPageAsync(long projectId, Guid after, Guid before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Task.Run<IReadOnlyList<ScannedTask>>(
            () =>
            {
                using var connection = SqliteConnections.Open(connectionString);
                using var command = Command(connection, PageSql, projectId, after, before);
                command.Parameters.AddWithValue("$limit", limit);
                var page = new List<ScannedTask>(limit);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add(new ScannedTask(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1)));
                }

                return page;
            },
            cancellationToken);
    }

    public Task<long> CountAsync(long projectId, Guid after, Guid before, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var connection = SqliteConnections.Open(connectionString);
                using var command = Command(connection, CountSql, projectId, after, before);
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken);

    private static SqliteCommand Command(SqliteConnection connection, string sql, long projectId, Guid after, Guid before)
    {
        var command = new SqliteCommand(sql, connection);
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$after", after.ToString("D", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$before", before.ToString("D", CultureInfo.InvariantCulture));
        return command;
    }
}
