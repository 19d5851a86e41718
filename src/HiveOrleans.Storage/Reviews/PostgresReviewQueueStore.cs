using Npgsql;

namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// The review queues on PostgreSQL (deploy/sql/postgresql/050-review.sql): leases on queued <c>hive_task</c> rows.
/// Claims are group-committed (<see cref="Batcher{TItem, TResult}"/>): the claims that queue up while a statement runs
/// share the next one, which takes for each queue as many of its oldest unleased rows as claims asked for it, locked
/// with <c>SKIP LOCKED</c> so concurrent statements each take different rows instead of queueing on the same ones,
/// and leases them to the claimants in the order they asked.
/// </summary>
internal sealed class PostgresReviewQueueStore : IReviewQueueStore, IAsyncDisposable
{
    private const int MaxClaimBatch = 500;
    private const int ClaimWorkers = 2;

    // One row per claim (its place in the batch n, and r its place among the claims on the same queue), matched to the
    // queue's r-th oldest free row. MATERIALIZED pins the locking sub-select to one evaluation, so each row is leased
    // once. The sub-select also reads the lease each row had (as locked: a row changed meanwhile is read again), which
    // the update then overwrites.
    private const string ClaimSql = """
        WITH want AS (
            SELECT w.n, w.project_id, w.queue, w.lease, w.holder, w.until,
                   row_number() OVER (PARTITION BY w.project_id, w.queue ORDER BY w.n) AS r
            FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::bigint[], $5::timestamptz[])
                WITH ORDINALITY AS w(project_id, queue, lease, holder, until, n)),
        asked AS (
            SELECT project_id, queue, count(*) AS k FROM want GROUP BY project_id, queue),
        next AS MATERIALIZED (
            SELECT a.project_id, a.queue, f.task_id, f.review_lease, f.review_holder, f.review_lease_until,
                   row_number() OVER (PARTITION BY a.project_id, a.queue ORDER BY f.review_since, f.task_id) AS r
            FROM asked AS a
            CROSS JOIN LATERAL (
                SELECT task_id, review_since, review_lease, review_holder, review_lease_until FROM hive_task
                WHERE project_id = a.project_id AND review_queue = a.queue AND (review_lease_until IS NULL OR review_lease_until <= $6)
                ORDER BY review_since, task_id
                LIMIT a.k
                FOR UPDATE SKIP LOCKED) AS f)
        UPDATE hive_task AS t
        SET review_lease = want.lease, review_holder = want.holder, review_lease_until = want.until
        FROM next
        JOIN want ON want.project_id = next.project_id AND want.queue = next.queue AND want.r = next.r
        WHERE t.task_id = next.task_id
        RETURNING want.n, t.task_id, t.review_since, next.review_lease, next.review_holder, next.review_lease_until
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

    private readonly PostgresPool _pool;
    private readonly TimeProvider _clock;
    private readonly Batcher<ClaimRequest, ReviewClaim?> _claims;

    public PostgresReviewQueueStore(string connectionString, TimeProvider clock)
    {
        _pool = PostgresPool.Rent(connectionString);
        _clock = clock;
        _claims = new Batcher<ClaimRequest, ReviewClaim?>(ClaimManyAsync, MaxClaimBatch, ClaimWorkers, name: "review.claim");
    }

    public Task<ReviewClaim?> ClaimAsync(long projectId, string queue, long reviewerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return _claims.EnqueueAsync(new ClaimRequest(projectId, queue, reviewerId, lease), cancellationToken);
    }

    private async Task<IReadOnlyList<ReviewClaim?>> ClaimManyAsync(IReadOnlyList<ClaimRequest> claims, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var tokens = claims.Select(_ => Guid.NewGuid()).ToArray();
        var until = claims.Select(c => now + c.Lease).ToArray();
        await using var command = _pool.DataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. claims.Select(c => c.ProjectId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. claims.Select(c => c.Queue)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = tokens });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. claims.Select(c => c.ReviewerId)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = until });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });

        // A claim its queue had no free row for stays null: the queue is empty as far as it is concerned.
        var granted = new ReviewClaim?[claims.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var i = (int)reader.GetInt64(0) - 1;
            var expired = reader.IsDBNull(3) || reader.IsDBNull(4) || reader.IsDBNull(5)
                ? null
                : new ExpiredLease(reader.GetGuid(3), reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5));
            granted[i] = new ReviewClaim(reader.GetGuid(1), tokens[i], until[i], reader.GetFieldValue<DateTimeOffset>(2), expired);
        }

        return granted;
    }

    public async Task<DateTimeOffset?> RenewAsync(Guid taskId, Guid leaseToken, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        await using var command = _pool.DataSource.CreateCommand(RenewSql);
        AddLease(command, taskId, leaseToken, now);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? now + lease : null;
    }

    public async Task<bool> ReleaseAsync(Guid taskId, Guid leaseToken, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReleaseSql);
        AddLease(command, taskId, leaseToken, _clock.GetUtcNow());
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
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow() });
        return await ReadDepthsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReviewQueueDepth>> AllDepthsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(AllDepthsSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow() });
        return await ReadDepthsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _claims.DisposeAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
    }

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

    private sealed record ClaimRequest(long ProjectId, string Queue, long ReviewerId, TimeSpan Lease);
}
