using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Banks;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Banks;

/// <summary>
/// What every <see cref="IHashBankStore"/> must do, whatever the database. Each dialect runs these facts through a
/// derived class; each fact starts with no banks.
/// </summary>
public abstract partial class HashBankStoreContract : IAsyncLifetime
{
    private readonly List<IHashBankStore> _stores = [];

    protected ManualClock Clock { get; } = new();

    protected abstract StoreLocation Store { get; }

    protected abstract Task<DbConnection> OpenAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await using var connection = await OpenAsync();
        await using var empty = connection.CreateCommand();
        empty.CommandText = "DELETE FROM hive_hash_bank_entries; DELETE FROM hive_hash_banks;";
        await empty.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bank_name_is_taken_until_the_bank_is_deleted()
    {
        var store = NewStore();

        var created = await store.CreateBankAsync("known-bad", "from the hotline", matchTransforms: false);
        Assert.NotNull(created);
        Assert.Null(await store.CreateBankAsync("known-bad", "again", matchTransforms: false));

        Assert.NotNull(await store.DeleteBankAsync("known-bad"));
        Assert.Null(await store.DeleteBankAsync("known-bad"));
        Assert.Null(await store.GetBankAsync("known-bad"));

        var recreated = await store.CreateBankAsync("known-bad", "second life", matchTransforms: false);
        Assert.NotNull(recreated);
        Assert.True(recreated.Seq > created.Seq);
        Assert.Equal("second life", (await store.GetBankAsync("known-bad"))!.Description);
    }

    [Fact]
    public async Task A_bank_reports_its_hash_count_and_how_many_hashes_carry_each_label()
    {
        var store = NewStore();
        await store.CreateBankAsync("mixed", "several labels", matchTransforms: false);
        await store.CreateBankAsync("empty", "", matchTransforms: false);
        await store.AddHashesAsync("mixed", [Entry("a", 1, "csam"), Entry("b", 2, "csam"), Entry("c", 3, "spam_image")]);

        var mixed = await store.GetBankAsync("mixed");

        Assert.NotNull(mixed);
        Assert.Equal("several labels", mixed.Description);
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), mixed.CreatedAt.ToUnixTimeMilliseconds());
        Assert.Equal(3, mixed.HashCount);
        Assert.Equal(new Dictionary<string, long> { ["csam"] = 2, ["spam_image"] = 1 }, mixed.LabelCounts);

        var listed = await store.ListBanksAsync();
        Assert.Equal(["empty", "mixed"], listed.Select(b => b.Name));
        Assert.Equal(0, listed[0].HashCount);
        Assert.Empty(listed[0].LabelCounts);
        Assert.Equal(mixed.LabelCounts, listed[1].LabelCounts);
    }

    [Fact]
    public async Task Re_adding_a_content_id_replaces_its_hash_and_label_and_an_identical_re_add_changes_nothing()
    {
        var store = NewStore();
        await store.CreateBankAsync("bank", "", matchTransforms: false);

        var first = await store.AddHashesAsync("bank", [Entry("x", 1, "csam"), Entry("y", 2, "csam")]);
        Assert.Equal(new HashesStored(2, 0, 0, first!.Seq), first);
        Assert.True(first.Seq > 0);

        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await store.AddHashesAsync("bank", [Entry("x", 9, "csam"), Entry("y", 2, "terror"), Entry("z", 3, "ncii")]);
        Assert.Equal((1, 2, 0), (second!.Added, second.Replaced, second.Unchanged));
        Assert.True(second.Seq > first.Seq);

        var same = await store.AddHashesAsync("bank", [Entry("x", 9, "csam"), Entry("z", 3, "ncii")]);
        Assert.Equal(new HashesStored(0, 0, 2, 0), same);

        var page = await store.ListHashesAsync("bank", 0, 10);
        Assert.Equal([("x", Hex(9), "csam"), ("y", Hex(2), "terror"), ("z", Hex(3), "ncii")], page!.Hashes.Select(h => (h.ContentId, h.Hash, h.Label)));
        Assert.All(page.Hashes, h => Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), h.AddedAt.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Removing_counts_only_hashes_that_were_there_and_a_removed_id_can_come_back()
    {
        var store = NewStore();
        await store.CreateBankAsync("bank", "", matchTransforms: false);
        await store.AddHashesAsync("bank", [Entry("x", 1, "csam"), Entry("y", 2, "csam")]);

        var removed = await store.RemoveHashesAsync("bank", ["x", "x", "never-added"]);
        Assert.Equal(1, removed!.Removed);
        Assert.True(removed.Seq > 0);
        Assert.Equal(new HashRemoval(0, 0), await store.RemoveHashesAsync("bank", ["x"]));
        Assert.Equal(1, (await store.GetBankAsync("bank"))!.HashCount);

        var back = await store.AddHashesAsync("bank", [Entry("x", 1, "csam")]);
        Assert.Equal((1, 0, 0), (back!.Added, back.Replaced, back.Unchanged));
        Assert.Equal(2, (await store.GetBankAsync("bank"))!.HashCount);
    }

    [Fact]
    public async Task Operations_on_a_bank_that_does_not_exist_answer_null()
    {
        var store = NewStore();
        await store.CreateBankAsync("gone", "", matchTransforms: false);
        await store.DeleteBankAsync("gone");

        foreach (var name in new[] { "gone", "never" })
        {
            Assert.Null(await store.GetBankAsync(name));
            Assert.Null(await store.AddHashesAsync(name, [Entry("x", 1, "csam")]));
            Assert.Null(await store.RemoveHashesAsync(name, ["x"]));
            Assert.Null(await store.ListHashesAsync(name, 0, 10));
            Assert.Null(await store.DeleteBankAsync(name));
        }

        Assert.Empty(await store.ListBanksAsync());
    }

    [Fact]
    public async Task A_deleted_bank_loses_its_hashes_and_comes_back_empty()
    {
        var store = NewStore();
        await store.CreateBankAsync("bank", "", matchTransforms: false);
        await store.AddHashesAsync("bank", [Entry("x", 1, "csam"), Entry("y", 2, "csam")]);
        await store.RemoveHashesAsync("bank", ["y"]);

        await store.DeleteBankAsync("bank");
        await store.CreateBankAsync("bank", "", matchTransforms: false);

        var bank = await store.GetBankAsync("bank");
        Assert.Equal(0, bank!.HashCount);
        Assert.Empty((await store.ListHashesAsync("bank", 0, 10))!.Hashes);
        Assert.Equal(1, (await store.AddHashesAsync("bank", [Entry("y", 2, "csam")]))!.Added);
    }

    [Fact]
    public async Task Hashes_are_paged_in_content_id_order_with_the_bank_s_total()
    {
        var store = NewStore();
        await store.CreateBankAsync("bank", "", matchTransforms: false);
        await store.AddHashesAsync("bank", [Entry("d", 4, "a"), Entry("b", 2, "a"), Entry("a", 1, "a"), Entry("c", 3, "a"), Entry("B", 5, "a")]);
        await store.RemoveHashesAsync("bank", ["c"]);

        var page = await store.ListHashesAsync("bank", 1, 2);

        Assert.Equal(4, page!.Total);
        Assert.Equal(["a", "b"], page.Hashes.Select(h => h.ContentId));
        Assert.Equal(["B", "a", "b", "d"], (await store.ListHashesAsync("bank", 0, 100))!.Hashes.Select(h => h.ContentId));
        Assert.Empty((await store.ListHashesAsync("bank", 4, 10))!.Hashes);
    }

    /// <summary>A hash whose last 16 hex digits spell <paramref name="value"/>, so tests can tell them apart.</summary>
    protected static string Hex(int value) => $"{new string('a', 48)}{value:x16}";

    protected static HashBankEntry Entry(string contentId, int value, string label) => new(contentId, Hex(value), label);

    private static async Task<long> Seq(Task<HashBankWrite?> write) => (await write)!.Seq;

    private static async Task<long> Seq(Task<HashesStored?> write) => (await write)!.Seq;

    private static async Task<long> Seq(Task<HashRemoval?> write) => (await write)!.Seq;

    private IHashBankStore NewStore()
    {
        var store = HashBankStoreFactory.Create(Store, Clock);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
