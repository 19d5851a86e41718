using Npgsql;

namespace HiveOrleans.Storage.Models;

/// <summary>Registered models on PostgreSQL (see deploy/sql/postgresql/060-models.sql). Every statement it runs is in this class.</summary>
internal sealed class PostgresModelStore(string connectionString) : IModelStore, IAsyncDisposable
{
    private const string Columns = "name, kind, version, definition, content_bytes, registered_at";

    // xmax = 0 only for a row this statement inserted: a replaced row was updated.
    private const string PutSql = """
        INSERT INTO hive_models (name, kind, version, definition, content, content_bytes, registered_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, version = EXCLUDED.version, definition = EXCLUDED.definition,
            content = EXCLUDED.content, content_bytes = EXCLUDED.content_bytes, registered_at = EXCLUDED.registered_at
        RETURNING (xmax <> 0)
        """;

    private readonly PostgresPool _pool = PostgresPool.Rent(connectionString);

    public async Task<bool> PutAsync(StoredModel model, byte[]? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var command = _pool.DataSource.CreateCommand(PutSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Definition });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)content ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = model.ContentBytes });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = model.RegisteredAt.ToUniversalTime() });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<StoredModel?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand($"SELECT {Columns} FROM hive_models WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoredModel>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand($"SELECT {Columns} FROM hive_models ORDER BY name COLLATE \"C\"");
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand("DELETE FROM hive_models WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<byte[]?> ReadContentAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand("SELECT content FROM hive_models WHERE name = $1 AND version = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private static async Task<IReadOnlyList<StoredModel>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var models = new List<StoredModel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(new StoredModel(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return models;
    }
}
