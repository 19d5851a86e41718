using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Tests.Storage;

public sealed class IdempotencyClaimPrunerOnPostgresTests(PostgresDatabase database) : IdempotencyClaimPrunerContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override async Task InsertAsync(string serviceId, string stateName, long grainIdN0, DateTimeOffset modifiedAt)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, payload, version, modified_at) VALUES ($1, $2, $3, 0, '\\x7b7d', 1, $4)",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = grainIdN0 });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = modifiedAt });
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long[]> RowsAsync(string serviceId, string stateName)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id_n0 FROM orleans_grain_state WHERE service_id = $1 AND state_name = $2 ORDER BY grain_id_n0", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        var rows = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0));
        }

        return [.. rows];
    }
}
