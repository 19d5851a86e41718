using System.Security.Cryptography;
using HiveOrleans.Storage.Media;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Media;

/// <summary>
/// What every <see cref="IMediaStore"/> must do, whatever keeps the bytes. Each implementation runs these facts
/// through a derived class; each fact starts from an empty store.
/// </summary>
public abstract class MediaStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private const long Limit = 64L * 1024 * 1024;

    private readonly List<IMediaStore> _stores = [];

    protected ManualClock Clock { get; } = new();

    /// <summary>A new store instance over the same storage as every other one in this test.</summary>
    protected abstract IMediaStore CreateStore(TimeSpan retention);

    /// <summary>How many blobs the storage holds, counting every copy.</summary>
    protected abstract Task<int> CountBlobsAsync();

    /// <summary>How many spool or temporary files the store has left on local disk.</summary>
    protected abstract int CountSpoolFiles();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Content_is_stored_under_its_sha256_with_its_md5_and_length_and_reads_back()
    {
        var store = NewStore();
        var content = RandomBytes(10_000, seed: 1);

        var stored = await store.PutAsync(UploadStream.Of(content), Limit);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Key);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), stored.Md5);
        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(content, await ReadAllAsync(store, stored.Key));
        Assert.Equal(1, await CountBlobsAsync());
        Assert.Equal(0, CountSpoolFiles());
    }

    [Fact]
    public async Task A_blob_of_several_mebibytes_reads_back_whole_through_a_stream_and_a_file()
    {
        var store = NewStore();
        var content = RandomBytes((5 * 1024 * 1024) + 123, seed: 2);

        var stored = await store.PutAsync(UploadStream.Of(content, pieceSize: 64 * 1024), Limit);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Key);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), stored.Md5);
        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(content, await ReadAllAsync(store, stored.Key));
        await using (var file = await store.GetFileAsync(stored.Key))
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(file.Path));
        }

        // Synchronous readers (decoders that take a Stream) get the same bytes.
        await using var read = await store.OpenReadAsync(stored.Key);
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task The_same_content_stored_twice_has_one_key_and_one_copy()
    {
        var content = RandomBytes(3000, seed: 3);

        var first = await NewStore().PutAsync(UploadStream.Of(content), Limit);
        var second = await NewStore().PutAsync(UploadStream.Of(content), Limit);

        Assert.Equal(first, second);
        Assert.Equal(1, await CountBlobsAsync());
        Assert.Equal(0, CountSpoolFiles());
    }

    [Fact]
    public async Task Content_over_the_limit_is_refused_as_soon_as_the_limit_is_passed_and_nothing_is_kept()
    {
        var store = NewStore();
        var endless = UploadStream.Endless();

        var refused = await Assert.ThrowsAsync<MediaTooLargeException>(() => store.PutAsync(endless, 100_000));

        Assert.Equal(100_000, refused.Limit);
        Assert.InRange(endless.Served, 100_001, 100_000 + (1024 * 1024));
        Assert.Equal(0, await CountBlobsAsync());
        Assert.Equal(0, CountSpoolFiles());
    }

    [Fact]
    public async Task Content_of_exactly_the_limit_is_kept()
    {
        var content = RandomBytes(4096, seed: 4);

        var stored = await NewStore().PutAsync(UploadStream.Of(content), content.Length);

        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(1, await CountBlobsAsync());
    }

    [Fact]
    public async Task Empty_content_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => NewStore().PutAsync(UploadStream.Of([]), Limit));

        Assert.Equal(0, await CountBlobsAsync());
        Assert.Equal(0, CountSpoolFiles());
    }

    [Fact]
    public async Task An_upload_that_breaks_part_way_leaves_nothing_behind()
    {
        var upload = UploadStream.FailingAfter(RandomBytes(50_000, seed: 5), 20_000);

        await Assert.ThrowsAsync<IOException>(() => NewStore().PutAsync(upload, Limit));

        Assert.Equal(0, await CountBlobsAsync());
        Assert.Equal(0, CountSpoolFiles());
    }

    [Fact]
    public async Task Reading_a_key_that_was_never_stored_fails_with_not_found()
    {
        var store = NewStore();
        var unknown = Convert.ToHexStringLower(SHA256.HashData("never stored"u8));

        await Assert.ThrowsAsync<MediaNotFoundException>(() => store.OpenReadAsync(unknown));
        await Assert.ThrowsAsync<MediaNotFoundException>(() => store.GetFileAsync(unknown));
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("ab")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    public async Task A_key_that_is_not_a_lowercase_sha256_is_refused(string key)
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetFileAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RetainUntilAsync(key, Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_blob_is_deleted_once_its_retention_has_run_out_and_not_before()
    {
        var store = NewStore();
        var stored = await store.PutAsync(UploadStream.Of(RandomBytes(1000, seed: 6)), Limit);

        Clock.Advance(Retention - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await store.DeleteExpiredAsync(100));
        await ReadAllAsync(store, stored.Key);

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await store.DeleteExpiredAsync(100));
        await Assert.ThrowsAsync<MediaNotFoundException>(() => store.OpenReadAsync(stored.Key));
        await Assert.ThrowsAsync<MediaNotFoundException>(() => store.GetFileAsync(stored.Key));
        Assert.Equal(0, await CountBlobsAsync());
    }

    [Fact]
    public async Task Retaining_a_blob_longer_keeps_it_past_the_default_retention()
    {
        var store = NewStore();
        var stored = await store.PutAsync(UploadStream.Of(RandomBytes(1000, seed: 7)), Limit);

        await store.RetainUntilAsync(stored.Key, Clock.GetUtcNow().AddDays(30));

        Clock.Advance(Retention + TimeSpan.FromDays(1));
        Assert.Equal(0, await store.DeleteExpiredAsync(100));
        await ReadAllAsync(store, stored.Key);

        Clock.Advance(TimeSpan.FromDays(30) - Retention - TimeSpan.FromDays(1));
        Assert.Equal(1, await store.DeleteExpiredAsync(100));
    }

    [Fact]
    public async Task Retaining_a_blob_for_less_than_it_already_has_does_not_shorten_it()
    {
        var store = NewStore();
        var stored = await store.PutAsync(UploadStream.Of(RandomBytes(1000, seed: 8)), Limit);
        await store.RetainUntilAsync(stored.Key, Clock.GetUtcNow().AddDays(20));

        await store.RetainUntilAsync(stored.Key, Clock.GetUtcNow().AddMinutes(1));
        await store.RetainUntilAsync(stored.Key, Clock.GetUtcNow().AddDays(-1));

        Clock.Advance(TimeSpan.FromDays(20) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await store.DeleteExpiredAsync(100));
        await ReadAllAsync(store, stored.Key);
    }

    [Fact]
    public async Task Storing_the_same_content_again_restarts_its_retention()
    {
        var store = NewStore();
        var content = RandomBytes(1000, seed: 9);
        var stored = await store.PutAsync(UploadStream.Of(content), Limit);

        Clock.Advance(Retention - TimeSpan.FromHours(1));
        await store.PutAsync(UploadStream.Of(content), Limit);
        Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await store.DeleteExpiredAsync(100));
        await ReadAllAsync(store, stored.Key);

        Clock.Advance(Retention);
        Assert.Equal(1, await store.DeleteExpiredAsync(100));
    }

    [Fact]
    public async Task Retaining_a_key_that_is_not_stored_is_ignored()
    {
        var store = NewStore();
        var unknown = Convert.ToHexStringLower(SHA256.HashData("never stored"u8));

        await store.RetainUntilAsync(unknown, Clock.GetUtcNow().AddDays(1));

        Assert.Equal(0, await CountBlobsAsync());
        await Assert.ThrowsAsync<MediaNotFoundException>(() => store.OpenReadAsync(unknown));
    }

    [Fact]
    public async Task A_sweep_deletes_at_most_max_blobs()
    {
        var store = NewStore();
        for (var seed = 10; seed < 13; seed++)
        {
            await store.PutAsync(UploadStream.Of(RandomBytes(500, seed)), Limit);
        }

        Clock.Advance(Retention);

        Assert.Equal(2, await store.DeleteExpiredAsync(2));
        Assert.Equal(1, await CountBlobsAsync());
        Assert.Equal(1, await store.DeleteExpiredAsync(10));
        Assert.Equal(0, await store.DeleteExpiredAsync(10));
    }

    [Fact]
    public async Task Content_deleted_at_expiry_can_be_stored_again()
    {
        var store = NewStore();
        var content = RandomBytes(2000, seed: 13);
        var stored = await store.PutAsync(UploadStream.Of(content), Limit);
        Clock.Advance(Retention);
        Assert.Equal(1, await store.DeleteExpiredAsync(10));

        Assert.Equal(stored, await store.PutAsync(UploadStream.Of(content), Limit));

        Assert.Equal(content, await ReadAllAsync(store, stored.Key));
        Assert.Equal(0, await store.DeleteExpiredAsync(10));
    }

    [Fact]
    public async Task A_blob_is_visible_to_a_store_opened_afterwards()
    {
        var content = RandomBytes(1500, seed: 14);
        var stored = await NewStore().PutAsync(UploadStream.Of(content), Limit);

        Assert.Equal(content, await ReadAllAsync(NewStore(), stored.Key));
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_content_all_succeed_with_one_copy()
    {
        var content = RandomBytes((2 * 1024 * 1024) + 1, seed: 15);
        var stores = Enumerable.Range(0, 2).Select(_ => NewStore()).ToList();
        using var start = new ManualResetEventSlim();

        var puts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await stores[i % stores.Count].PutAsync(UploadStream.Of(content, pieceSize: 256 * 1024), Limit);
            }))
            .ToList();
        start.Set();
        var stored = await Task.WhenAll(puts);

        Assert.Single(stored.Distinct());
        Assert.Equal(1, await CountBlobsAsync());
        Assert.Equal(0, CountSpoolFiles());
        Assert.Equal(content, await ReadAllAsync(stores[0], stored[0].Key));
    }

    [Fact]
    public async Task Puts_racing_a_sweep_of_their_expired_content_leave_every_blob_in_place()
    {
        const int Blobs = 120;
        const int Putters = 4;
        var putter = NewStore();
        var sweeper = NewStore();
        var contents = Enumerable.Range(0, Blobs).Select(seed => RandomBytes(200, seed + 1000)).ToList();
        var keys = new List<string>();
        foreach (var content in contents)
        {
            keys.Add((await putter.PutAsync(UploadStream.Of(content), Limit)).Key);
        }

        for (var round = 0; round < 3; round++)
        {
            // Everything has expired: the sweep deletes each blob unless a put extends it first, and a put that
            // comes second must bring it back. Many blobs give the two many chances to interleave.
            Clock.Advance(Retention);
            using var start = new ManualResetEventSlim();
            var sweep = Task.Run(async () =>
            {
                start.Wait();
                return await sweeper.DeleteExpiredAsync(Blobs);
            });
            var puts = Enumerable.Range(0, Putters).Select(worker => Task.Run(async () =>
            {
                start.Wait();
                for (var i = worker; i < Blobs; i += Putters)
                {
                    await putter.PutAsync(UploadStream.Of(contents[i]), Limit);
                }
            }));
            start.Set();
            await Task.WhenAll([sweep, .. puts]);

            for (var i = 0; i < Blobs; i++)
            {
                Assert.Equal(contents[i], await ReadAllAsync(sweeper, keys[i]));
            }

            Assert.Equal(0, await sweeper.DeleteExpiredAsync(Blobs));
        }
    }

    protected IMediaStore NewStore()
    {
        var store = CreateStore(Retention);
        _stores.Add(store);
        return store;
    }

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(IMediaStore store, string key)
    {
        await using var read = await store.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return copy.ToArray();
    }
}
