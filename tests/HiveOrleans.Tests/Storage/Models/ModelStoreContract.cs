using HiveOrleans.Storage;
using HiveOrleans.Storage.Models;

namespace HiveOrleans.Tests.Storage.Models;

/// <summary>What every <see cref="IModelStore"/> must do, whatever the database; each fact starts from an empty table.</summary>
public abstract class ModelStoreContract : IAsyncLifetime
{
    private IModelStore _store = null!;

    protected abstract StoreLocation Store { get; }

    /// <summary>Empties the models table.</summary>
    protected abstract Task EmptyAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await EmptyAsync();
        _store = ModelStoreFactory.Create(Store);
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_model_is_stored_read_listed_replaced_and_deleted_with_its_file_by_version()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123);
        var first = new StoredModel("weapons", "onnx", "weapons/onnx-aaaaaaaaaaaa", """{"head":"weapons"}""", 3, at);

        Assert.False(await _store.PutAsync(first, [1, 2, 3]));
        Assert.Equal(first, await _store.GetAsync("weapons"));
        Assert.Equal([1, 2, 3], await _store.ReadContentAsync("weapons", first.Version));

        var remote = new StoredModel("big", "remote", "big/remote-bbbbbbbbbbbb", "{}", 0, at);
        Assert.False(await _store.PutAsync(remote, content: null));
        Assert.Null(await _store.ReadContentAsync("big", remote.Version));
        Assert.Equal(["big", "weapons"], (await _store.ListAsync()).Select(m => m.Name));

        var second = first with { Version = "weapons/onnx-cccccccccccc", ContentBytes = 2 };
        Assert.True(await _store.PutAsync(second, [9, 9]));
        Assert.Equal(second, await _store.GetAsync("weapons"));
        Assert.Null(await _store.ReadContentAsync("weapons", first.Version));
        Assert.Equal([9, 9], await _store.ReadContentAsync("weapons", second.Version));

        Assert.True(await _store.DeleteAsync("weapons"));
        Assert.False(await _store.DeleteAsync("weapons"));
        Assert.Null(await _store.GetAsync("weapons"));
        Assert.Equal(["big"], (await _store.ListAsync()).Select(m => m.Name));
    }
}
