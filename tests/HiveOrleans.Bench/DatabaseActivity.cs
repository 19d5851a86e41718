using Npgsql;

namespace HiveOrleans.Bench;

/// <summary>A snapshot of <c>pg_stat_database</c>: cumulative counters, and the connections open at that moment.</summary>
internal sealed record DatabaseActivity(long Commits, long Rollbacks, long Inserted, long Updated, long Deleted, int Connections)
{
    /// <summary>The counters of the database <paramref name="connection"/> is open on.</summary>
    public static async Task<DatabaseActivity> ReadAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, numbackends FROM pg_stat_database WHERE datname = current_database()",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseActivity(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5));
    }

    /// <summary>The counters' growth since <paramref name="earlier"/>; connections as of now.</summary>
    public DatabaseActivity Since(DatabaseActivity earlier) => this with
    {
        Commits = Commits - earlier.Commits,
        Rollbacks = Rollbacks - earlier.Rollbacks,
        Inserted = Inserted - earlier.Inserted,
        Updated = Updated - earlier.Updated,
        Deleted = Deleted - earlier.Deleted,
    };
}
