using System.Globalization;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Tests.Storage;

public sealed class IdempotencyClaimPrunerOnSqliteTests : IdempotencyClaimPrunerContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override StoreLocation Store => _file.Store;

    public void Dispose() => _file.Dispose();

    protected override async Task InsertAsync(string serviceId, string stateName, long grainIdN0, DateTimeOffset modifiedAt)
    {
        await using var connection = new SqliteConnection(Store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, payload, version, modified_at) VALUES ($s, $n, $id, 0, x'7b7d', 1, $at)",
            connection);
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$n", stateName);
        command.Parameters.AddWithValue("$id", grainIdN0);

        // The form CURRENT_TIMESTAMP writes.
        command.Parameters.AddWithValue("$at", modifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long[]> RowsAsync(string serviceId, string stateName)
    {
        await using var connection = new SqliteConnection(Store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT grain_id_n0 FROM orleans_grain_state WHERE service_id = $s AND state_name = $n ORDER BY grain_id_n0", connection);
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$n", stateName);
        var rows = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0));
        }

        return [.. rows];
    }
}
