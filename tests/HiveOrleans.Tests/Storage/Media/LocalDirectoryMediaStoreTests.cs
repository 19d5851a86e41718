using HiveOrleans.Storage.Media;

namespace HiveOrleans.Tests.Storage.Media;

public sealed class LocalDirectoryMediaStoreTests : MediaStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hiveorleans-tests", Guid.NewGuid().ToString("N"), "media");

    protected override IMediaStore CreateStore(TimeSpan retention) => new LocalDirectoryMediaStore(_directory, retention, Clock);

    protected override Task<int> CountBlobsAsync() =>
        Task.FromResult(Directory.Exists(_directory)
            ? Directory.EnumerateDirectories(_directory).Sum(shard => Directory.EnumerateFiles(shard).Count())
            : 0);

    protected override int CountSpoolFiles() =>
        Directory.Exists(_directory) ? Directory.EnumerateFiles(_directory).Count() : 0;

    [Fact]
    public async Task A_blob_is_a_file_under_its_key_s_first_two_digits_and_is_handed_out_in_place()
    {
        var store = NewStore();
        var content = RandomBytes(1234, seed: 100);
        var stored = await store.PutAsync(UploadStream.Of(content), 10_000);

        var path = Path.Combine(_directory, stored.Key[..2], stored.Key);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        await using (var file = await store.GetFileAsync(stored.Key))
        {
            Assert.Equal(path, file.Path);
        }

        Assert.True(File.Exists(path), "Disposing the store's own file must not delete the blob.");
    }

    [Fact]
    public async Task A_blob_s_expiry_is_its_file_s_last_write_time()
    {
        var store = NewStore();
        var stored = await store.PutAsync(UploadStream.Of(RandomBytes(100, seed: 101)), 10_000);
        var path = Path.Combine(_directory, stored.Key[..2], stored.Key);

        Assert.Equal((Clock.GetUtcNow() + Retention).UtcDateTime, File.GetLastWriteTimeUtc(path));

        var until = Clock.GetUtcNow().AddDays(40);
        await store.RetainUntilAsync(stored.Key, until);
        Assert.Equal(until.UtcDateTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task A_sweep_deletes_spool_files_left_by_a_crash_but_not_fresh_ones()
    {
        var store = NewStore();
        var stale = Path.Combine(_directory, LocalDirectoryMediaStore.SpoolPrefix + "stale");
        var fresh = Path.Combine(_directory, LocalDirectoryMediaStore.SpoolPrefix + "fresh");
        await File.WriteAllBytesAsync(stale, [1, 2, 3]);
        await File.WriteAllBytesAsync(fresh, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));

        Assert.Equal(0, await store.DeleteExpiredAsync(10));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task Files_that_are_not_blobs_are_left_alone_by_a_sweep()
    {
        var store = NewStore();
        var stranger = Path.Combine(_directory, "ab", "notes.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(stranger)!);
        await File.WriteAllTextAsync(stranger, "an operator's file");
        File.SetLastWriteTimeUtc(stranger, DateTime.UnixEpoch);

        Assert.Equal(0, await store.DeleteExpiredAsync(10));
        Assert.True(File.Exists(stranger));
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_directory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
