using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Models;

/// <summary>
/// Registered models in a SQLite file (embedded mode; see deploy/sql/sqlite/060-models.sql). Every statement it runs
/// is in this class. Each call runs on the thread pool: Microsoft.Data.Sqlite's async methods complete synchronously,
/// and a caller may be a grain.
/// </summary>
internal sealed class SqliteModelStore(string connectionString) : IModelStore
{
    private const string Columns = "name, kind, version, definition, content_bytes, registered_at_ms";

    public Task<bool> PutAsync(StoredModel model, byte[]? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Task.Run(
            () =>
            {
                using var connection = SqliteConnections.Open(connectionString);
                using var transaction = connection.BeginTransaction(deferred: false);
                using var exists = new SqliteCommand("SELECT count(*) FROM hive_models WHERE name = $name", connection, transaction);
                exists.Parameters.AddWithValue("$name", model.Name);
                var replaced = (long)exists.ExecuteScalar()! > 0;
                using var put = new SqliteCommand(
                    """
                    INSERT OR REPLACE INTO hive_models (name, kind, version, definition, content, content_bytes, registered_at_ms)
                    VALUES ($name, $kind, $version, $definition, $content, $content_bytes, $registered_at_ms)
                    """,
                    connection,
                    transaction);
                put.Parameters.AddWithValue("$name", model.Name);
                put.Parameters.AddWithValue("$kind", model.Kind);
                put.Parameters.AddWithValue("$version", model.Version);
                put.Parameters.AddWithValue("$definition", model.Definition);
                put.Parameters.Add("$content", SqliteType.Blob).Value = (object?)content ?? DBNull.Value;
                put.Parameters.AddWithValue("$content_bytes", model.ContentBytes);
                put.Parameters.AddWithValue("$registered_at_ms", model.RegisteredAt.ToUnixTimeMilliseconds());
                put.ExecuteNonQuery();
                transaction.Commit();
                return replaced;
            },
            cancellationToken);
    }

    public Task<StoredModel?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        Task.Run(() => Read($"SELECT {Columns} FROM hive_models WHERE name = $name", name).SingleOrDefault(), cancellationToken);

    public Task<IReadOnlyList<StoredModel>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => Read($"SELECT {Columns} FROM hive_models ORDER BY name", name: null), cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var connection = SqliteConnections.Open(connectionString);
                using var command = new SqliteCommand("DELETE FROM hive_models WHERE name = $name", connection);
                command.Parameters.AddWithValue("$name", name);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public Task<byte[]?> ReadContentAsync(string name, string version, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var connection = SqliteConnections.Open(connectionString);
                using var command = new SqliteCommand("SELECT content FROM hive_models WHERE name = $name AND version = $version", connection);
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$version", version);
                return command.ExecuteScalar() as byte[];
            },
            cancellationToken);

    private IReadOnlyList<StoredModel> Read(string sql, string? name)
    {
        using var connection = SqliteConnections.Open(connectionString);
        using var command = new SqliteCommand(sql, connection);
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var models = new List<StoredModel>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            models.Add(new StoredModel(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return models;
    }
}
