using Npgsql;

namespace HiveOrleans.Storage.Tasks;

/// <summary>
/// The task store on PostgreSQL (deploy/sql/postgresql/010-tasks.sql). Every statement run against <c>hive_task</c> is
/// in this class, but for the review queue's claims and leases (<see cref="Reviews.PostgresReviewQueueStore"/>). Reads and writes are group-committed through <see cref="Batcher{TItem, TResult}"/>: one statement
/// (and so one commit, one WAL flush) carries every write that queued while the previous one was out.
/// </summary>
internal sealed class PostgresTaskStore : ITaskStore, IAsyncDisposable
{
    /// <summary>The most rows one statement carries.</summary>
    internal const int MaxBatch = 2_000;

    // Two in flight: one batch's rows are being written while the other waits for its WAL flush.
    private const int Workers = 2;

    // One statement for every kind of write: updates name the version they read, inserts name none and must find no
    // row. RETURNING says which succeeded; the rest conflicted and changed nothing. A write that keeps the task in the
    // review queue it was in keeps the lease on it; a write naming a lease succeeds only while that lease holds.
    private const string WriteSql = """
        WITH w AS (
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::integer[], $4::timestamptz[], $5::smallint[], $6::bytea[], $7::text[], $8::text[],
                                 $9::text[], $10::timestamptz[], $11::uuid[])
              AS w(task_id, project_id, expected, due_at, due_reason, state, owner, callback_to, review_queue, review_since, required_lease)),
        updated AS (
            UPDATE hive_task AS t
            SET project_id = w.project_id, version = w.expected + 1, due_at = w.due_at, due_reason = w.due_reason, state = w.state,
                owner = w.owner, callback_to = w.callback_to, review_queue = w.review_queue, review_since = w.review_since,
                review_lease = CASE WHEN w.review_queue IS NOT DISTINCT FROM t.review_queue THEN t.review_lease END,
                review_holder = CASE WHEN w.review_queue IS NOT DISTINCT FROM t.review_queue THEN t.review_holder END,
                review_lease_until = CASE WHEN w.review_queue IS NOT DISTINCT FROM t.review_queue THEN t.review_lease_until END
            FROM w
            WHERE w.expected IS NOT NULL AND t.task_id = w.task_id AND t.version = w.expected
              AND (w.required_lease IS NULL OR (t.review_lease = w.required_lease AND t.review_lease_until > $12))
            RETURNING t.task_id),
        inserted AS (
            INSERT INTO hive_task (task_id, project_id, version, due_at, due_reason, state, owner, callback_to, review_queue, review_since)
            SELECT w.task_id, w.project_id, 1, w.due_at, w.due_reason, w.state, w.owner, w.callback_to, w.review_queue, w.review_since
            FROM w WHERE w.expected IS NULL
            ON CONFLICT (task_id) DO NOTHING
            RETURNING task_id)
        SELECT task_id FROM updated UNION ALL SELECT task_id FROM inserted
        """;

    private const string ReadSql = """
        SELECT task_id, project_id, version, due_at, due_reason, state FROM hive_task WHERE task_id = ANY($1)
        """;

    // SKIP LOCKED lets concurrent sweepers each take a different slice of the due rows instead of queueing on the same
    // ones. MATERIALIZED pins the locking sub-select to one evaluation; inlined into a join it could be re-scanned and
    // lock (and lease) more than $2 rows.
    private const string ClaimDueSql = """
        WITH due AS MATERIALIZED (
            SELECT task_id FROM hive_task
            WHERE due_at <= $1
            ORDER BY due_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
        UPDATE hive_task AS t
        SET due_at = $3
        FROM due
        WHERE t.task_id = due.task_id
        RETURNING t.task_id
        """;

    // Through the partial index on due_at: only owed rows are looked at, however many tasks are stored.
    private const string ExpediteOwnedSql = """
        UPDATE hive_task SET due_at = $2
        WHERE due_at IS NOT NULL AND due_at > $2 AND owner = $1
        """;

    private const string ExpediteCallbacksSql = """
        UPDATE hive_task SET due_at = $2 + random() * $3
        WHERE callback_to = $1 AND due_reason = 1 AND due_at > $2 + $3
        """;

    private const string ListDueSql = """
        SELECT task_id, due_at FROM hive_task
        WHERE project_id = $1 AND due_reason = $2 AND due_at IS NOT NULL
        ORDER BY due_at
        LIMIT $3
        """;

    private const string CountDueSql = "SELECT count(*) FROM hive_task WHERE due_at IS NOT NULL AND ($1::smallint IS NULL OR due_reason = $1)";

    private const string LegacySql = "SELECT EXISTS (SELECT 1 FROM orleans_grain_state WHERE service_id = $1 AND state_name = $2)";

    // Touches the task table, not just the server, so a missing schema fails the probe too.
    private const string PingSql = "SELECT 1 FROM hive_task LIMIT 1";

    private readonly PostgresPool _pool;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly Batcher<Guid, StoredTask?> _reads;
    private readonly Batcher<TaskWrite, bool> _writes;

    public PostgresTaskStore(string connectionString, TimeProvider clock)
    {
        _pool = PostgresPool.Rent(connectionString);
        _dataSource = _pool.DataSource;
        _clock = clock;
        _reads = new Batcher<Guid, StoredTask?>(ReadManyAsync, MaxBatch, Workers, name: "tasks.read");
        _writes = new Batcher<TaskWrite, bool>(WriteManyAsync, MaxBatch, Workers, name: "tasks.write");
    }

    public Task<StoredTask?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        _reads.EnqueueAsync(taskId, cancellationToken);

    public Task WriteAsync(TaskWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return TaskWriteConflictException.ThrowIfNotWrittenAsync(_writes.EnqueueAsync(write, cancellationToken), write);
    }

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        await using var command = _dataSource.CreateCommand(ClaimDueSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
        var claimed = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }

    public async Task<int> ExpediteOwnedByAsync(string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var command = _dataSource.CreateCommand(ExpediteOwnedSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExpediteCallbacksToAsync(string destination, TimeSpan spread, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(spread, TimeSpan.Zero);
        await using var command = _dataSource.CreateCommand(ExpediteCallbacksSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = destination });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = spread });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TaskLedgerEntry>> ListDueAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(ListDueSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)reason });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var entries = new List<TaskLedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new TaskLedgerEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), projectId, reason));
        }

        return entries;
    }

    public async Task<long> CountDueAsync(TaskLedgerReason? reason = null, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(CountDueSql);
        command.Parameters.Add(new NpgsqlParameter<short?> { TypedValue = (short?)reason });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> HasLegacyStateAsync(string serviceId, string stateName, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(LegacySql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PingSql);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        await _reads.DisposeAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredTask?>> ReadManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        var found = new Dictionary<Guid, StoredTask>(ids.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetGuid(0);
                found[id] = new StoredTask(
                    id,
                    reader.GetInt64(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                    (TaskLedgerReason)reader.GetInt16(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5));
            }
        }

        return [.. ids.Select(id => found.GetValueOrDefault(id))];
    }

    private async Task<IReadOnlyList<bool>> WriteManyAsync(IReadOnlyList<TaskWrite> writes, CancellationToken cancellationToken)
    {
        // A task awaits each write before its next, so one batch holds one write per task; should two ever meet, the
        // later goes in a statement of its own after the first (one statement cannot touch a row twice).
        var results = new bool[writes.Count];
        var pending = Enumerable.Range(0, writes.Count).ToList();
        while (pending.Count > 0)
        {
            var seen = new HashSet<Guid>();
            var round = pending.Where(i => seen.Add(writes[i].TaskId)).ToList();
            pending = [.. pending.Except(round)];
            var written = await WriteRoundAsync([.. round.Select(i => writes[i])], cancellationToken).ConfigureAwait(false);
            foreach (var i in round)
            {
                results[i] = written.Contains(writes[i].TaskId);
            }
        }

        return results;
    }

    private async Task<HashSet<Guid>> WriteRoundAsync(TaskWrite[] writes, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(WriteSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. writes.Select(w => w.TaskId)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. writes.Select(w => w.ProjectId)] });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. writes.Select(w => w.ExpectedVersion)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = [.. writes.Select(w => w.DueAt?.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. writes.Select(w => (short)w.Reason)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. writes.Select(w => w.State)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.Owner)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.CallbackTo)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.Review?.Queue)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = [.. writes.Select(w => w.Review?.Since.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [.. writes.Select(w => w.RequiredLease)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow() });
        var written = new HashSet<Guid>(writes.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            written.Add(reader.GetGuid(0));
        }

        return written;
    }
}
