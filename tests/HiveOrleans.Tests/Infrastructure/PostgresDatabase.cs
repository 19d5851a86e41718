using System.Net.Sockets;
using HiveOrleans.Storage;
using Npgsql;
using Xunit;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class (use it as an <c>IClassFixture</c>),
/// created on the test server and dropped, with any connections still open to it, on dispose.
/// The server comes from <see cref="ServerVariable"/>, defaulting to a local postgres/postgres.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The environment variable holding the test server's connection string.</summary>
    public const string ServerVariable = "HIVEORLEANS_TEST_POSTGRES";

    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private string? _connectionString;

    /// <summary>The database's name: <c>hive_test_</c> and 32 random hex digits.</summary>
    public string Name { get; } = $"hive_test_{Guid.NewGuid():N}";

    /// <summary>A connection string to this database (available once the fixture is initialized).</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync; use it after xunit initialized the fixture.");

    /// <summary>This database as a HiveOrleans store.</summary>
    public StoreLocation Store => StoreLocation.ForPostgres(ConnectionString);

    /// <summary>The test server's connection string, as configured.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    public async Task InitializeAsync()
    {
        await using (var server = await OpenServerAsync())
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        // Test classes run side by side, each with its own database: small pools that let idle connections go keep
        // the server under its connection limit.
        _connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = Name,
            MaxPoolSize = 20,
            ConnectionIdleLifetime = 10,
        }.ConnectionString;
    }

    /// <summary>Deletes every row of <paramref name="table"/> (a table name the test writes, never input): a contract test's fresh start.</summary>
    public async Task EmptyTableAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // the table names are the tests' own constants
        await using var empty = new NpgsqlCommand($"DELETE FROM {table}", connection);
#pragma warning restore CA2100
        await empty.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        // Orleans' providers open connections by connection string and leave them in Npgsql's
        // global pool; clear it so they do not linger. FORCE ends whatever else is still connected.
        await using (var pooled = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var server = await OpenServerAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 5,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"The tests need PostgreSQL and could not reach it at {builder.Host}:{builder.Port} as '{builder.Username}' "
                + $"({exception.Message}). Start a server there, or set {ServerVariable} to a connection string for one; "
                + "`.ci/run` starts a suitable server and sets the variable.",
                exception);
        }
    }
}
