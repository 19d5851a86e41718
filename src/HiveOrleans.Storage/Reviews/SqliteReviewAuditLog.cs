using HiveOrleans.Abstractions.Reviewers;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// The audit log in a SQLite file (embedded mode; deploy/sql/sqlite/051-review-audit.sql). Appends are
/// group-committed: every append queued while the previous transaction committed goes into the next one, in order.
/// As elsewhere, no call runs on the caller's thread (Microsoft.Data.Sqlite's async methods complete synchronously).
/// </summary>
internal sealed class SqliteReviewAuditLog : IReviewAuditLog, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    private const string AppendSql = """
        INSERT INTO hive_review_audit (at_ms, action, project_id, task_id, queue, reviewer_id, lease, detail)
        VALUES ($at_ms, $action, $project_id, $task_id, $queue, $reviewer_id, $lease, $detail)
        """;

    private const string ReadSql = """
        SELECT seq, at_ms, action, project_id, task_id, queue, reviewer_id, lease, detail FROM hive_review_audit
        WHERE seq > $after
          AND ($task_id IS NULL OR task_id = $task_id)
          AND ($reviewer_id IS NULL OR reviewer_id = $reviewer_id)
          AND ($project_id IS NULL OR project_id = $project_id)
          AND ($since_ms IS NULL OR at_ms >= $since_ms)
        ORDER BY seq
        LIMIT $limit
        """;

    private readonly string _connectionString;
    private readonly Batcher<ReviewAuditEntry, bool> _appends;

    public SqliteReviewAuditLog(string connectionString)
    {
        _connectionString = connectionString;
        _appends = new Batcher<ReviewAuditEntry, bool>(AppendMany, MaxBatch, workers: 1, name: "review-audit.append");
    }

    public Task AppendAsync(ReviewAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ReviewAuditChecks.Check(entry);
        return _appends.EnqueueAsync(entry, cancellationToken);
    }

    public Task<IReadOnlyList<ReviewAuditRecord>> ReadAsync(ReviewAuditFilter filter, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ReviewAuditChecks.Check(filter, limit);
        return Task.Run<IReadOnlyList<ReviewAuditRecord>>(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = new SqliteCommand(ReadSql, connection);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$task_id", filter.TaskId is { } task ? ToText(task) : DBNull.Value);
            command.Parameters.AddWithValue("$reviewer_id", (object?)filter.ReviewerId ?? DBNull.Value);
            command.Parameters.AddWithValue("$project_id", (object?)filter.ProjectId ?? DBNull.Value);
            command.Parameters.AddWithValue("$since_ms", filter.Since is { } since ? since.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$limit", limit);
            var records = new List<ReviewAuditRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                records.Add(new ReviewAuditRecord(reader.GetInt64(0), new ReviewAuditEntry(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2),
                    reader.GetInt64(3),
                    Guid.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    reader.IsDBNull(7) ? null : Guid.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                    reader.IsDBNull(8) ? null : reader.GetString(8))));
            }

            return records;
        }, cancellationToken);
    }

    public ValueTask DisposeAsync() => _appends.DisposeAsync();

    private Task<IReadOnlyList<bool>> AppendMany(IReadOnlyList<ReviewAuditEntry> entries, CancellationToken cancellationToken)
    {
        using var connection = SqliteConnections.Open(_connectionString);
        using (var durable = new SqliteCommand("PRAGMA synchronous = FULL", connection))
        {
            // An append is acknowledged after this commit, so the commit must reach the disk.
            durable.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = new SqliteCommand(AppendSql, connection, transaction);
        foreach (var name in new[] { "$at_ms", "$action", "$project_id", "$task_id", "$queue", "$reviewer_id", "$lease", "$detail" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var entry in entries)
        {
            command.Parameters["$at_ms"].Value = entry.At.ToUnixTimeMilliseconds();
            command.Parameters["$action"].Value = entry.Action;
            command.Parameters["$project_id"].Value = entry.ProjectId;
            command.Parameters["$task_id"].Value = ToText(entry.TaskId);
            command.Parameters["$queue"].Value = entry.Queue;
            command.Parameters["$reviewer_id"].Value = (object?)entry.ReviewerId ?? DBNull.Value;
            command.Parameters["$lease"].Value = entry.Lease is { } lease ? ToText(lease) : DBNull.Value;
            command.Parameters["$detail"].Value = (object?)entry.Detail ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult<IReadOnlyList<bool>>([.. entries.Select(_ => true)]);
    }

    private static string ToText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
