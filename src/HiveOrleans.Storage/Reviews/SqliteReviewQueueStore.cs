using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// The review queues in a SQLite file (embedded mode; deploy/sql/sqlite/050-review.sql). SQLite has one writer at a
/// time, so a claim's select-and-lease cannot interleave with another write: it is one <c>BEGIN IMMEDIATE</c>
/// transaction that reads the oldest free row (and the run-out lease on it, which SQLite's <c>RETURNING</c>, giving
/// only new values, could not) and leases it. As in the task store, no call runs on the caller's thread
/// (Microsoft.Data.Sqlite's async methods complete synchronously).
/// </summary>
internal sealed class SqliteReviewQueueStore(string connectionString, TimeProvider clock) : IReviewQueueStore
{
    private const string NextSql = """
        SELECT task_id, review_since_ms, review_lease, review_holder, review_lease_until_ms FROM hive_task
        WHERE project_id = $project_id AND review_queue = $queue AND (review_lease_until_ms IS NULL OR review_lease_until_ms <= $now_ms)
        ORDER BY review_since_ms, task_id
        LIMIT 1
        """;

    private const string LeaseSql = """
        UPDATE hive_task
        SET review_lease = $lease, review_holder = $holder, review_lease_until_ms = $until_ms
        WHERE task_id = $task_id
        """;

    private const string RenewSql = """
        UPDATE hive_task SET review_lease_until_ms = $until_ms
        WHERE task_id = $task_id AND review_lease = $lease AND review_lease_until_ms > $now_ms
        """;

    private const string ReleaseSql = """
        UPDATE hive_task SET review_lease = NULL, review_holder = NULL, review_lease_until_ms = NULL
        WHERE task_id = $task_id AND review_lease = $lease AND review_lease_until_ms > $now_ms
        """;

    private const string HeldBySql = """
        SELECT task_id, project_id, review_queue, review_lease, review_lease_until_ms FROM hive_task WHERE review_holder = $holder
        """;

    private const string ReleaseHeldBySql = """
        UPDATE hive_task SET review_lease = NULL, review_holder = NULL, review_lease_until_ms = NULL
        WHERE review_holder = $holder
        """;

    private const string ReadSql = """
        SELECT project_id, review_queue, review_since_ms, review_lease, review_holder, review_lease_until_ms
        FROM hive_task WHERE task_id = $task_id AND review_queue IS NOT NULL
        """;

    private const string DepthsSql = """
        SELECT project_id, review_queue, count(*), count(*) FILTER (WHERE review_lease_until_ms > $now_ms), min(review_since_ms)
        FROM hive_task
        WHERE review_queue IS NOT NULL AND project_id IN (SELECT value FROM json_each($projects))
        GROUP BY project_id, review_queue
        ORDER BY project_id, review_queue
        """;

    private const string AllDepthsSql = """
        SELECT project_id, review_queue, count(*), count(*) FILTER (WHERE review_lease_until_ms > $now_ms), min(review_since_ms)
        FROM hive_task
        WHERE review_queue IS NOT NULL
        GROUP BY project_id, review_queue
        ORDER BY project_id, review_queue
        """;

    public Task<ReviewClaim?> ClaimAsync(long projectId, string queue, long reviewerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return Task.Run(() =>
        {
            var now = clock.GetUtcNow();
            var token = Guid.NewGuid();
            var until = now + lease;
            using var connection = SqliteConnections.Open(connectionString);
            using var transaction = connection.BeginTransaction(deferred: false);
            ReviewClaim claim;
            using (var next = new SqliteCommand(NextSql, connection, transaction))
            {
                next.Parameters.AddWithValue("$project_id", projectId);
                next.Parameters.AddWithValue("$queue", queue);
                next.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
                using var reader = next.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                var expired = reader.IsDBNull(2) || reader.IsDBNull(3) || reader.IsDBNull(4)
                    ? null
                    : new ExpiredLease(ParseId(reader.GetString(2)), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
                claim = new ReviewClaim(ParseId(reader.GetString(0)), token, until, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), expired);
            }

            using (var lease = new SqliteCommand(LeaseSql, connection, transaction))
            {
                lease.Parameters.AddWithValue("$lease", ToText(token));
                lease.Parameters.AddWithValue("$holder", reviewerId);
                lease.Parameters.AddWithValue("$until_ms", until.ToUnixTimeMilliseconds());
                lease.Parameters.AddWithValue("$task_id", ToText(claim.TaskId));
                lease.ExecuteNonQuery();
            }

            transaction.Commit();
            return claim;
        }, cancellationToken);
    }

    public Task<DateTimeOffset?> RenewAsync(Guid taskId, Guid leaseToken, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return Task.Run(() =>
        {
            var now = clock.GetUtcNow();
            using var connection = SqliteConnections.Open(connectionString);
            using var command = LeaseCommand(RenewSql, connection, taskId, leaseToken, now);
            command.Parameters.AddWithValue("$until_ms", (now + lease).ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery() == 1 ? now + lease : (DateTimeOffset?)null;
        }, cancellationToken);
    }

    public Task<bool> ReleaseAsync(Guid taskId, Guid leaseToken, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = LeaseCommand(ReleaseSql, connection, taskId, leaseToken, clock.GetUtcNow());
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<ReleasedLease>> ReleaseHeldByAsync(long reviewerId, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<ReleasedLease>>(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var transaction = connection.BeginTransaction(deferred: false);
            var released = new List<ReleasedLease>();
            using (var held = new SqliteCommand(HeldBySql, connection, transaction))
            {
                held.Parameters.AddWithValue("$holder", reviewerId);
                using var reader = held.ExecuteReader();
                while (reader.Read())
                {
                    released.Add(new ReleasedLease(
                        ParseId(reader.GetString(0)), reader.GetInt64(1), reader.GetString(2), ParseId(reader.GetString(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
                }
            }

            using (var release = new SqliteCommand(ReleaseHeldBySql, connection, transaction))
            {
                release.Parameters.AddWithValue("$holder", reviewerId);
                release.ExecuteNonQuery();
            }

            transaction.Commit();
            return released;
        }, cancellationToken);

    public Task<ReviewStanding?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(ReadSql, connection);
            command.Parameters.AddWithValue("$task_id", ToText(taskId));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new ReviewStanding(
                taskId,
                reader.GetInt64(0),
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : ParseId(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
        }, cancellationToken);

    public Task<IReadOnlyList<ReviewQueueDepth>> DepthsAsync(IReadOnlyCollection<long> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        return Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(DepthsSql, connection);
            command.Parameters.AddWithValue("$projects", "[" + string.Join(',', projectIds.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]");
            command.Parameters.AddWithValue("$now_ms", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return ReadDepths(command);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ReviewQueueDepth>> AllDepthsAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(connectionString);
            using var command = new SqliteCommand(AllDepthsSql, connection);
            command.Parameters.AddWithValue("$now_ms", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return ReadDepths(command);
        }, cancellationToken);

    private static IReadOnlyList<ReviewQueueDepth> ReadDepths(SqliteCommand command)
    {
        var depths = new List<ReviewQueueDepth>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            depths.Add(new ReviewQueueDepth(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return depths;
    }

    private static SqliteCommand LeaseCommand(string sql, SqliteConnection connection, Guid taskId, Guid leaseToken, DateTimeOffset now)
    {
        var command = new SqliteCommand(sql, connection);
        command.Parameters.AddWithValue("$task_id", ToText(taskId));
        command.Parameters.AddWithValue("$lease", ToText(leaseToken));
        command.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
        return command;
    }

    private static Guid ParseId(string text) => Guid.Parse(text, CultureInfo.InvariantCulture);

    private static string ToText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
