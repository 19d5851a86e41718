using HiveOrleans.Storage;
using HiveOrleans.Storage.Banks;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Results;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace HiveOrleans.Tests.Storage;

public sealed class PostgresPoolTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _mediaDirectory = Directory.CreateTempSubdirectory("hive-pool-").FullName;

    public void Dispose() => Directory.Delete(_mediaDirectory, recursive: true);

    [Fact]
    public async Task Every_store_on_one_database_works_through_one_connection_when_used_in_turn()
    {
        await SchemaInstaller.ApplyAsync(database.Store);
        await using (var installer = new NpgsqlConnection(database.ConnectionString))
        {
            // The installer's connection sits in Npgsql's global pool, not the stores' pool: close it.
            NpgsqlConnection.ClearPool(installer);
        }

        var tasks = (IAsyncDisposable)TaskStoreFactory.Create(database.Store);
        var cache = (IAsyncDisposable)ResultCacheFactory.Create(database.Store);
        var banks = (IAsyncDisposable)HashBankStoreFactory.Create(database.Store, TimeProvider.System);
        var media = (IAsyncDisposable)MediaStoreFactory.Create(database.Store, new MediaStoreOptions(), _mediaDirectory, TimeProvider.System);
        try
        {
            await ((ITaskStore)tasks).CountDueAsync();
            await ((IResultCache)cache).StoreAsync(new CachedResult(1, 1, "d41d8cd98f00b204e9800998ecf8427e", Guid.NewGuid(), [1], DateTimeOffset.UtcNow));
            await ((IHashBankStore)banks).ListBanksAsync();
            await ((IMediaStore)media).DeleteExpiredAsync(10);

            // Separate pools would each keep the connection they opened.
            Assert.Equal(1, await ConnectionsToDatabaseAsync(expected: 1));
        }
        finally
        {
            await tasks.DisposeAsync();
            await cache.DisposeAsync();
            await banks.DisposeAsync();
            await media.DisposeAsync();
        }

        Assert.Equal(0, await ConnectionsToDatabaseAsync(expected: 0));
    }

    [Fact]
    public async Task The_pool_stays_open_until_its_last_renter_gives_it_back()
    {
        var first = PostgresPool.Rent(database.ConnectionString);
        var second = PostgresPool.Rent(database.ConnectionString);
        Assert.Same(first.DataSource, second.DataSource);

        await first.DisposeAsync();
        await first.DisposeAsync();
        await using (var command = second.DataSource.CreateCommand("SELECT 1"))
        {
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }

        var pool = second.DataSource;
        await second.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.OpenConnectionAsync());

        var third = PostgresPool.Rent(database.ConnectionString);
        await using (third)
        {
            Assert.NotSame(pool, third.DataSource);
            await using var connection = await third.DataSource.OpenConnectionAsync();
        }
    }

    /// <summary>
    /// Server processes connected to the test database, read until they number <paramref name="expected"/> or five
    /// seconds pass: a closed connection's process leaves <c>pg_stat_activity</c> a moment after the client let go.
    /// </summary>
    private async Task<long> ConnectionsToDatabaseAsync(long expected)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database.Name });
        return await Eventually.UntilAsync(
            async () => (long)(await command.ExecuteScalarAsync())!,
            count => count == expected,
            TimeSpan.FromSeconds(5),
            $"{expected} server processes on the test database");
    }
}
