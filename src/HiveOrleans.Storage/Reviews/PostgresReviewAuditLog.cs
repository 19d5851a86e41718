using HiveOrleans.Abstractions.Reviewers;
using Npgsql;

namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// The audit log on PostgreSQL (deploy/sql/postgresql/051-review-audit.sql). Appends are group-committed through
/// <see cref="Batcher{TItem, TResult}"/>: one multi-row insert (one commit) carries every append queued meanwhile, in
/// the order they queued.
/// </summary>
internal sealed class PostgresReviewAuditLog : IReviewAuditLog, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    // WITH ORDINALITY keeps the queue's order in seq.
    private const string AppendSql = """
        INSERT INTO hive_review_audit (at, action, project_id, task_id, queue, reviewer_id, lease, detail)
        SELECT at, action, project_id, task_id, queue, reviewer_id, lease, detail
        FROM unnest($1::timestamptz[], $2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::bigint[], $7::uuid[], $8::text[])
            WITH ORDINALITY AS e(at, action, project_id, task_id, queue, reviewer_id, lease, detail, n)
        ORDER BY n
        """;

    private const string ReadSql = """
        SELECT seq, at, action, project_id, task_id, queue, reviewer_id, lease, detail FROM hive_review_audit
        WHERE seq > $1
          AND ($2::uuid IS NULL OR task_id = $2)
          AND ($3::bigint IS NULL OR reviewer_id = $3)
          AND ($4::bigint IS NULL OR project_id = $4)
          AND ($5::timestamptz IS NULL OR at >= $5)
        ORDER BY seq
        LIMIT $6
        """;

    private readonly PostgresPool _pool;
    private readonly Batcher<ReviewAuditEntry, bool> _appends;

    public PostgresReviewAuditLog(string connectionString)
    {
        _pool = PostgresPool.Rent(connectionString);
        _appends = new Batcher<ReviewAuditEntry, bool>(AppendManyAsync, MaxBatch, workers: 1, name: "review-audit.append");
    }

    public Task AppendAsync(ReviewAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ReviewAuditChecks.Check(entry);
        return _appends.EnqueueAsync(entry, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewAuditRecord>> ReadAsync(ReviewAuditFilter filter, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ReviewAuditChecks.Check(filter, limit);
        await using var command = _pool.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = filter.TaskId });
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = filter.ReviewerId });
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = filter.ProjectId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = filter.Since });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var records = new List<ReviewAuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new ReviewAuditRecord(reader.GetInt64(0), new ReviewAuditEntry(
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetGuid(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetString(8))));
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<bool>> AppendManyAsync(IReadOnlyList<ReviewAuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = _pool.DataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. entries.Select(e => e.At.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Action)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. entries.Select(e => e.ProjectId)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. entries.Select(e => e.TaskId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Queue)] });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = [.. entries.Select(e => e.ReviewerId)] });
        command.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [.. entries.Select(e => e.Lease)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. entries.Select(e => e.Detail)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(_ => true)];
    }
}
