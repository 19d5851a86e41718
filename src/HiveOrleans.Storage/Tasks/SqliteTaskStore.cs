using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Tasks;

/// <summary>
/// The task store in a SQLite file (embedded mode; deploy/sql/sqlite/010-tasks.sql). Every statement run against
/// <c>hive_task</c> is in this class, but for the review queue's claims and leases (<see cref="Reviews.SqliteReviewQueueStore"/>). SQLite has one writer at a time, so writes go through one group-committing
/// writer: every write that queued while the previous transaction committed goes into the next one (one
/// <c>BEGIN IMMEDIATE … COMMIT</c>, one fsync of the WAL). Reads are batched the same way on their own connections,
/// which WAL lets run beside the writer.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods complete synchronously, and a call waiting for SQLite's write lock would hold
/// its thread: when the caller is a grain, an Orleans scheduler thread. So no call runs on the caller's thread: batches
/// run on the batchers' own workers, and the rest on the thread pool.
/// </remarks>
internal sealed class SqliteTaskStore : ITaskStore, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    // A write that keeps the task in the review queue it was in keeps the lease on it; a write naming a lease succeeds
    // only while that lease holds.
    private const string UpdateSql = """
        UPDATE hive_task
        SET project_id = $project_id, version = version + 1, due_at_ms = $due_at_ms, due_reason = $due_reason, state = $state,
            owner = $owner, callback_to = $callback_to,
            review_lease = CASE WHEN $review_queue IS review_queue THEN review_lease END,
            review_holder = CASE WHEN $review_queue IS review_queue THEN review_holder END,
            review_lease_until_ms = CASE WHEN $review_queue IS review_queue THEN review_lease_until_ms END,
            review_queue = $review_queue, review_since_ms = $review_since_ms
        WHERE task_id = $task_id AND version = $expected
          AND ($required_lease IS NULL OR (review_lease = $required_lease AND review_lease_until_ms > $now_ms))
        """;

    private const string InsertSql = """
        INSERT INTO hive_task (task_id, project_id, version, due_at_ms, due_reason, state, owner, callback_to, review_queue, review_since_ms)
        VALUES ($task_id, $project_id, 1, $due_at_ms, $due_reason, $state, $owner, $callback_to, $review_queue, $review_since_ms)
        ON CONFLICT (task_id) DO NOTHING
        """;

    private const string ReadSql = "SELECT project_id, version, due_at_ms, due_reason, state FROM hive_task WHERE task_id = $task_id";

    private const string ClaimDueSql = """
        UPDATE hive_task
        SET due_at_ms = $leased_until_ms
        WHERE task_id IN (
            SELECT task_id FROM hive_task
            WHERE due_at_ms <= $now_ms
            ORDER BY due_at_ms
            LIMIT $max)
        RETURNING task_id
        """;

    private const string ExpediteOwnedSql = """
        UPDATE hive_task SET due_at_ms = $now_ms
        WHERE due_at_ms IS NOT NULL AND due_at_ms > $now_ms AND owner = $owner
        """;

    // abs(random()) % n: a uniform draw in [0, n) milliseconds (n > 0), SQLite having no random float.
    private const string ExpediteCallbacksSql = """
        UPDATE hive_task SET due_at_ms = $now_ms + abs(random()) % $spread_ms
        WHERE callback_to = $destination AND due_reason = 1 AND due_at_ms > $now_ms + $spread_ms
        """;

    private const string ListDueSql = """
        SELECT task_id, due_at_ms FROM hive_task
        WHERE project_id = $project_id AND due_reason = $reason AND due_at_ms IS NOT NULL
        ORDER BY due_at_ms
        LIMIT $limit
        """;

    private const string CountDueSql = "SELECT count(*) FROM hive_task WHERE due_at_ms IS NOT NULL AND ($reason IS NULL OR due_reason = $reason)";

    private const string LegacySql = "SELECT EXISTS (SELECT 1 FROM orleans_grain_state WHERE service_id = $service_id AND state_name = $state_name)";

    private const string PingSql = "SELECT 1 FROM hive_task LIMIT 1";

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly Batcher<Guid, StoredTask?> _reads;
    private readonly Batcher<TaskWrite, bool> _writes;

    public SqliteTaskStore(string connectionString, TimeProvider clock)
    {
        _connectionString = connectionString;
        _clock = clock;
        _reads = new Batcher<Guid, StoredTask?>(ReadMany, MaxBatch, workers: 2, name: "tasks.read");
        _writes = new Batcher<TaskWrite, bool>(WriteMany, MaxBatch, workers: 1, name: "tasks.write");
    }

    public Task<StoredTask?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        _reads.EnqueueAsync(taskId, cancellationToken);

    public Task WriteAsync(TaskWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return TaskWriteConflictException.ThrowIfNotWrittenAsync(_writes.EnqueueAsync(write, cancellationToken), write);
    }

    public Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);
        return Task.Run<IReadOnlyList<Guid>>(() =>
        {
            var now = _clock.GetUtcNow();
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(ClaimDueSql, connection);
            command.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            command.Parameters.AddWithValue("$leased_until_ms", (now + lease).ToUnixTimeMilliseconds());
            var claimed = new List<Guid>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                claimed.Add(ParseId(reader.GetString(0)));
            }

            return claimed;
        }, cancellationToken);
    }

    public Task<int> ExpediteOwnedByAsync(string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(ExpediteOwnedSql, connection);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$now_ms", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<int> ExpediteCallbacksToAsync(string destination, TimeSpan spread, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(spread, TimeSpan.Zero);
        return Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(ExpediteCallbacksSql, connection);
            command.Parameters.AddWithValue("$destination", destination);
            command.Parameters.AddWithValue("$now_ms", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$spread_ms", Math.Max(1L, (long)spread.TotalMilliseconds));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TaskLedgerEntry>> ListDueAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Task.Run<IReadOnlyList<TaskLedgerEntry>>(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(ListDueSql, connection);
            command.Parameters.AddWithValue("$project_id", projectId);
            command.Parameters.AddWithValue("$reason", (short)reason);
            command.Parameters.AddWithValue("$limit", limit);
            var entries = new List<TaskLedgerEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new TaskLedgerEntry(ParseId(reader.GetString(0)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), projectId, reason));
            }

            return entries;
        }, cancellationToken);
    }

    public Task<long> CountDueAsync(TaskLedgerReason? reason = null, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(CountDueSql, connection);
            command.Parameters.AddWithValue("$reason", reason is { } r ? (short)r : DBNull.Value);
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);

    public Task<bool> HasLegacyStateAsync(string serviceId, string stateName, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(LegacySql, connection);
            command.Parameters.AddWithValue("$service_id", serviceId);
            command.Parameters.AddWithValue("$state_name", stateName);
            return (long)command.ExecuteScalar()! != 0;
        }, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(PingSql, connection);
            command.ExecuteScalar();
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        await _reads.DisposeAsync().ConfigureAwait(false);
    }

    private Task<IReadOnlyList<StoredTask?>> ReadMany(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        using var connection = SqliteConnections.Open(_connectionString);
        using var command = new SqliteCommand(ReadSql, connection);
        var id = command.Parameters.Add("$task_id", SqliteType.Text);
        command.Prepare();
        var found = new StoredTask?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            id.Value = ToText(ids[i]);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                found[i] = new StoredTask(
                    ids[i],
                    reader.GetInt64(0),
                    reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    (TaskLedgerReason)reader.GetInt16(3),
                    reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4));
            }
        }

        return Task.FromResult<IReadOnlyList<StoredTask?>>(found);
    }

    private Task<IReadOnlyList<bool>> WriteMany(IReadOnlyList<TaskWrite> writes, CancellationToken cancellationToken)
    {
        using var connection = SqliteConnections.Open(_connectionString);
        using (var durable = new SqliteCommand("PRAGMA synchronous = FULL", connection))
        {
            // An acknowledgement waits for this commit, so the commit must reach the disk, not just the OS.
            durable.ExecuteNonQuery();
        }

        // BEGIN IMMEDIATE: take the write lock up front rather than fail on upgrading a read lock mid-batch.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var update = Prepare(new SqliteCommand(UpdateSql, connection, transaction), withExpected: true);
        using var insert = Prepare(new SqliteCommand(InsertSql, connection, transaction), withExpected: false);
        var results = new bool[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            // In order, inside one transaction: a second write of one task in the same batch sees the first.
            var write = writes[i];
            var command = write.ExpectedVersion is null ? insert : update;
            command.Parameters["$task_id"].Value = ToText(write.TaskId);
            command.Parameters["$project_id"].Value = write.ProjectId;
            command.Parameters["$due_at_ms"].Value = write.DueAt is { } due ? due.ToUnixTimeMilliseconds() : DBNull.Value;
            command.Parameters["$due_reason"].Value = (short)write.Reason;
            command.Parameters["$state"].Value = write.State;
            command.Parameters["$owner"].Value = (object?)write.Owner ?? DBNull.Value;
            command.Parameters["$callback_to"].Value = (object?)write.CallbackTo ?? DBNull.Value;
            command.Parameters["$review_queue"].Value = (object?)write.Review?.Queue ?? DBNull.Value;
            command.Parameters["$review_since_ms"].Value = write.Review is { } review ? review.Since.ToUnixTimeMilliseconds() : DBNull.Value;
            if (write.ExpectedVersion is { } expected)
            {
                command.Parameters["$expected"].Value = expected;
                command.Parameters["$required_lease"].Value = write.RequiredLease is { } lease ? ToText(lease) : DBNull.Value;
                command.Parameters["$now_ms"].Value = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            }

            results[i] = command.ExecuteNonQuery() == 1;
        }

        transaction.Commit();
        return Task.FromResult<IReadOnlyList<bool>>(results);
    }

    private static SqliteCommand Prepare(SqliteCommand command, bool withExpected)
    {
        command.Parameters.Add("$task_id", SqliteType.Text);
        command.Parameters.Add("$project_id", SqliteType.Integer);
        command.Parameters.Add("$due_at_ms", SqliteType.Integer);
        command.Parameters.Add("$due_reason", SqliteType.Integer);
        command.Parameters.Add("$state", SqliteType.Blob);
        command.Parameters.Add("$owner", SqliteType.Text);
        command.Parameters.Add("$callback_to", SqliteType.Text);
        command.Parameters.Add("$review_queue", SqliteType.Text);
        command.Parameters.Add("$review_since_ms", SqliteType.Integer);
        if (withExpected)
        {
            command.Parameters.Add("$expected", SqliteType.Integer);
            command.Parameters.Add("$required_lease", SqliteType.Text);
            command.Parameters.Add("$now_ms", SqliteType.Integer);
        }

        return command;
    }

    private static Guid ParseId(string text) => Guid.Parse(text, CultureInfo.InvariantCulture);

    private static string ToText(Guid taskId) => taskId.ToString("D", CultureInfo.InvariantCulture);
}
