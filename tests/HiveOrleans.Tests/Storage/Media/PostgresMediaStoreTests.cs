using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Tests.Storage.Media;

public sealed class PostgresMediaStoreTests(PostgresDatabase database) : MediaStoreContract, IClassFixture<PostgresDatabase>
{
    private readonly string _spoolDirectory = Path.Combine(Path.GetTempPath(), "hiveorleans-tests", Guid.NewGuid().ToString("N"));

    protected override IMediaStore CreateStore(TimeSpan retention) =>
        new PostgresMediaStore(database.ConnectionString, retention, Clock, _spoolDirectory);

    protected override async Task<int> CountBlobsAsync() => (int)await ScalarAsync<long>("SELECT count(*) FROM hive_media");

    protected override int CountSpoolFiles() => Directory.Exists(_spoolDirectory) ? Directory.EnumerateFiles(_spoolDirectory).Count() : 0;

    public override async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(database.Store);
        await ExecuteAsync("DELETE FROM hive_media");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_spoolDirectory))
        {
            Directory.Delete(_spoolDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_blob_is_kept_in_chunks_of_one_mebibyte_that_are_deleted_with_it()
    {
        var store = NewStore();
        var stored = await store.PutAsync(UploadStream.Of(RandomBytes((5 * 1024 * 1024) + 123, seed: 200)), 10L * 1024 * 1024);

        var sizes = await ChunkSizesAsync(stored.Key);
        Assert.Equal([.. Enumerable.Repeat(1024 * 1024, 5), 123], sizes);

        Clock.Advance(Retention);
        Assert.Equal(1, await store.DeleteExpiredAsync(10));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM hive_media_chunk"));
    }

    [Fact]
    public async Task A_read_stream_seeks_across_chunks()
    {
        var store = NewStore();
        var content = RandomBytes((3 * 1024 * 1024) + 10, seed: 201);
        var stored = await store.PutAsync(UploadStream.Of(content, pieceSize: 256 * 1024), content.Length);

        await using var read = await store.OpenReadAsync(stored.Key);
        Assert.True(read.CanSeek);
        Assert.Equal(content.Length, read.Length);

        var buffer = new byte[100];
        foreach (var position in new long[] { (2 * 1024 * 1024) - 50, 10, content.Length - 100 })
        {
            read.Position = position;
            await read.ReadExactlyAsync(buffer);
            Assert.Equal(content.AsSpan((int)position, buffer.Length).ToArray(), buffer);
        }

        Assert.Equal(0, await read.ReadAsync(buffer));
    }

    [Fact]
    public async Task A_file_is_a_temporary_copy_that_disposing_deletes()
    {
        var store = NewStore();
        var content = RandomBytes(5000, seed: 202);
        var stored = await store.PutAsync(UploadStream.Of(content), 10_000);

        var file = await store.GetFileAsync(stored.Key);
        Assert.Equal(content, await File.ReadAllBytesAsync(file.Path));

        await file.DisposeAsync();

        Assert.False(File.Exists(file.Path));
        Assert.Equal(0, CountSpoolFiles());
        Assert.Equal(content, await ReadAllAsync(store, stored.Key));
    }

    [Fact]
    public async Task Reading_a_blob_deleted_mid_read_fails_with_not_found()
    {
        var store = NewStore();
        var stored = await store.PutAsync(UploadStream.Of(RandomBytes((2 * 1024 * 1024) + 1, seed: 203)), 10L * 1024 * 1024);
        await using var read = await store.OpenReadAsync(stored.Key);
        var buffer = new byte[1024 * 1024];
        await read.ReadExactlyAsync(buffer);

        Clock.Advance(Retention);
        Assert.Equal(1, await store.DeleteExpiredAsync(10));

        await Assert.ThrowsAsync<MediaNotFoundException>(async () => await read.ReadExactlyAsync(buffer));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<int>> ChunkSizesAsync(string key)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT length(data) FROM hive_media_chunk WHERE media_key = $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        var sizes = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sizes.Add(reader.GetInt32(0));
        }

        return sizes;
    }
}
