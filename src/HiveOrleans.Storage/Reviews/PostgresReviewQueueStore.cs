using Npgsql;

namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// The review queues on PostgreSQL (deploy/sql/postgresql/050-review.sql): leases on queued <c>hive_task</c> rows.
/// A claim is one statement: the oldest unleased row of the queue, locked with <c>SKIP LOCKED</c> so concurrent claims
/// each take a different row instead of queueing on the same one, and leased in the same statement.
/// </summary>
internal sealed class PostgresReviewQueueStore(string connectionString, TimeProvider clock) : IReviewQueueStore, IAsyncDisposable
{
    // MATERIALIZED pins the locking sub-select to one evaluation, so one claim leases one row. The sub-select also
    // reads the lease it replaces (as locked: a row changed meanwhile is read again), which the update then overwrites.
    private const string ClaimSql = """
        WITH next AS MATERIALIZED (
            SELECT task_id, review_lease, review_holder, review_lease_until FROM hive_task
            WHERE project_id = $1 AND review_queue = $2 AND (review_lease_until IS NULL OR review_lease_until <= $3)
            ORDER BY review_since, task_id
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        UPDATE hive_task AS t
        SET review_lease = $4, review_holder = $5, review_lease_until = $6
        FROM next
        WHERE t.task_id = next.task_id
        RETURNING t.task_id, t.review_since, next.review_lease, next.review_holder, next.review_lease_until
        """;

    private const string RenewSql = """
        UPDATE hive_task SET review_lease_until = $4
        WHERE task_id = $1 AND review_lease = $2 AND review_lease_until > $3
        """;

    private const string ReleaseSql = """
        UPDATE hive_task SET review_lease = NULL, review_holder = NULL, review_lease_until = NULL
        WHERE task_id = $1 AND review_lease = $2 AND review_lease_until > $3
        """;

    private const string ReleaseHeldBySql = """
        WITH held AS MATERIALIZED (
            SELECT task_id, review_lease, review_lease_until FROM hive_task WHERE review_holder = $1 FOR UPDATE)
        UPDATE hive_task AS t
        SET review_lease = NULL, review_holder = NULL, review_lease_until = NULL
        FROM held
        WHERE t.task_id = held.task_id AND t.review_holder = $1
        RETURNING t.task_id, t.project_id, t.review_queue, held.review_lease, held.review_lease_until
        """;

    private const string ReadSql = """
        SELECT project_id, review_queue, review_since, review_lease, review_holder, review_lease_until
        FROM hive_task WHERE task_id = $1 AND review_queue IS NOT NULL
        """;

    private const string DepthsSql = """
        SELECT project_id, review_queue, count(*), count(*) FILTER (WHERE review_lease_until > $2), min(review_since)
        FROM hive_task
        WHERE review_queue IS NOT NULL AND project_id = ANY($1)
        GROUP BY project_id, review_queue
        ORDER BY project_id, review_queue
        """;

    private const string AllDepthsSql = """
        SELECT project_id, review_queue, count(*), count(*) FILTER (WHERE review_lease_until > $1), min(review_since)
        FROM hive_task
        WHERE review_queue IS NOT NULL
        GROUP BY project_id, review_queue
        ORDER BY project_id, review_queue
        """;

    private readonly PostgresPool _pool = PostgresPool.Rent(connectionString);

    public async Task<ReviewClaim?> ClaimAsync(long projectId, string queue, long reviewerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        var until = now + lease;
        await using var command = _pool.DataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = token });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = reviewerId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = until });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var expired = reader.IsDBNull(2) || reader.IsDBNull(3) || reader.IsDBNull(4)
            ? null
            : new ExpiredLease(reader.GetGuid(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4));
        return new ReviewClaim(reader.GetGuid(0), token, until, reader.GetFieldValue<DateTimeOffset>(1), expired);
    }

    public async Task<DateTimeOffset?> RenewAsync(Guid taskId, Guid leaseToken, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        await using var command = _pool.DataSource.CreateCommand(RenewSql);
        AddLease(command, taskId, leaseToken, now);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? now + lease : null;
    }

    public async Task<bool> ReleaseAsync(Guid taskId, Guid leaseToken, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReleaseSql);
        AddLease(command, taskId, leaseToken, clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ReleasedLease>> ReleaseHeldByAsync(long reviewerId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReleaseHeldBySql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = reviewerId });
        var released = new List<ReleasedLease>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            released.Add(new ReleasedLease(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetGuid(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return released;
    }

    public async Task<ReviewStanding?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = taskId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new ReviewStanding(
            taskId,
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetGuid(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
    }

    public async Task<IReadOnlyList<ReviewQueueDepth>> DepthsAsync(IReadOnlyCollection<long> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        await using var command = _pool.DataSource.CreateCommand(DepthsSql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. projectIds] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        return await ReadDepthsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReviewQueueDepth>> AllDepthsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(AllDepthsSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        return await ReadDepthsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private static async Task<IReadOnlyList<ReviewQueueDepth>> ReadDepthsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var depths = new List<ReviewQueueDepth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            depths.Add(new ReviewQueueDepth(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return depths;
    }

    private static void AddLease(NpgsqlCommand command, Guid taskId, Guid leaseToken, DateTimeOffset now)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = taskId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = leaseToken });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
    }
}
