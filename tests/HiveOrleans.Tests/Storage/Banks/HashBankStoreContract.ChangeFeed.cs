using HiveOrleans.Storage.Banks;

namespace HiveOrleans.Tests.Storage.Banks;

/// <summary>The change feed every <see cref="IHashBankStore"/> keeps: what silos' in-memory indexes follow.</summary>
public abstract partial class HashBankStoreContract
{
    [Fact]
    public async Task The_change_feed_lists_every_kind_of_change_in_order()
    {
        var store = NewStore();
        var after = await store.LoadAllAsync(_ => { });
        var changes = new List<HashBankChange>();
        async Task<long> FollowAsync(Task<long> write)
        {
            var seq = await write;
            var batch = await store.ReadChangesAsync(after, 100);
            changes.AddRange(batch);
            after = batch[^1].Seq;
            return seq;
        }

        var created = await FollowAsync(Seq(store.CreateBankAsync("bank", "", matchTransforms: false)));
        var added = await FollowAsync(Seq(store.AddHashesAsync("bank", [Entry("x", 1, "csam"), Entry("y", 2, "csam")])));
        var replaced = await FollowAsync(Seq(store.AddHashesAsync("bank", [Entry("x", 3, "terror")])));
        var removed = await FollowAsync(Seq(store.RemoveHashesAsync("bank", ["y"])));
        var deleted = await FollowAsync(Seq(store.DeleteBankAsync("bank")));

        Assert.Equal(
            [
                (HashBankChangeKind.BankCreated, null, null, null),
                (HashBankChangeKind.HashStored, "x", Hex(1), "csam"),
                (HashBankChangeKind.HashStored, "y", Hex(2), "csam"),
                (HashBankChangeKind.HashStored, "x", Hex(3), "terror"),
                (HashBankChangeKind.HashRemoved, "y", Hex(2), "csam"),
                (HashBankChangeKind.BankDeleted, null, null, null),
            ],
            changes.Select(c => (c.Kind, c.ContentId, c.Hash, c.Label)));
        Assert.All(changes, c => Assert.Equal("bank", c.Bank));
        Assert.Equal([created, added, replaced, removed, deleted], [changes[0].Seq, changes[2].Seq, changes[3].Seq, changes[4].Seq, changes[5].Seq]);
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq), "sequence numbers rise");
        Assert.Empty(await store.ReadChangesAsync(after, 100));
    }

    [Fact]
    public async Task A_reader_that_missed_a_bank_s_life_sees_only_its_last_bank_change()
    {
        var store = NewStore();
        var start = await store.LoadAllAsync(_ => { });
        await store.CreateBankAsync("bank", "", matchTransforms: false);
        await store.AddHashesAsync("bank", [Entry("x", 1, "csam")]);
        var deleted = await store.DeleteBankAsync("bank");

        // The deletion dropped the hash rows; the bank row alone says "forget this bank", which is all a reader needs.
        Assert.Equal([(HashBankChangeKind.BankDeleted, deleted!.Seq)], (await store.ReadChangesAsync(start, 100)).Select(c => (c.Kind, c.Seq)));

        var recreated = await store.CreateBankAsync("bank", "", matchTransforms: false);
        var added = await store.AddHashesAsync("bank", [Entry("y", 2, "csam")]);
        Assert.Equal(
            [(HashBankChangeKind.BankCreated, recreated!.Seq), (HashBankChangeKind.HashStored, added!.Seq)],
            (await store.ReadChangesAsync(start, 100)).Select(c => (c.Kind, c.Seq)));
    }

    [Fact]
    public async Task The_feed_is_read_in_batches_of_at_most_the_limit()
    {
        var store = NewStore();
        var start = await store.LoadAllAsync(_ => { });
        await store.CreateBankAsync("bank", "", matchTransforms: false);
        await store.AddHashesAsync("bank", [.. Enumerable.Range(1, 10).Select(i => Entry($"id-{i:D2}", i, "spam_image"))]);

        var seen = new List<HashBankChange>();
        var after = start;
        while (await store.ReadChangesAsync(after, 4) is { Count: > 0 } batch)
        {
            Assert.True(batch.Count <= 4);
            seen.AddRange(batch);
            after = batch[^1].Seq;
        }

        Assert.Equal(11, seen.Count);
        Assert.Equal(seen.Count, seen.Select(c => c.Seq).Distinct().Count());
    }

    [Fact]
    public async Task A_full_load_holds_each_bank_s_last_change_and_live_hashes_and_the_feed_goes_on_from_its_watermark()
    {
        var store = NewStore();
        await store.CreateBankAsync("one", "", matchTransforms: false);
        await store.CreateBankAsync("two", "", matchTransforms: false);
        await store.CreateBankAsync("dropped", "", matchTransforms: false);
        await store.AddHashesAsync("one", [Entry("a", 1, "csam"), Entry("b", 2, "csam")]);
        var two = await store.AddHashesAsync("two", [Entry("a", 3, "ncii")]);
        await store.AddHashesAsync("dropped", [Entry("z", 4, "csam")]);
        var dropped = await store.DeleteBankAsync("dropped");
        var last = await store.RemoveHashesAsync("one", ["b"]);

        var loaded = new List<HashBankChange>();
        var watermark = await NewStore().LoadAllAsync(loaded.Add);

        var banks = loaded.TakeWhile(c => c.Kind != HashBankChangeKind.HashStored).ToList();
        var hashes = loaded.Skip(banks.Count).ToList();
        Assert.Equal(
            new[] { ("dropped", HashBankChangeKind.BankDeleted, dropped!.Seq), ("one", HashBankChangeKind.BankCreated, last!.Seq), ("two", HashBankChangeKind.BankCreated, two!.Seq) },
            banks.Select(c => (c.Bank, c.Kind, c.Seq)).Order());
        Assert.Equal(
            new[] { ("one", "a", Hex(1), "csam"), ("two", "a", Hex(3), "ncii") }.Order(),
            hashes.Select(c => (c.Bank, c.ContentId!, c.Hash!, c.Label!)).Order());
        Assert.All(hashes, c => Assert.Equal(HashBankChangeKind.HashStored, c.Kind));
        Assert.Equal(last.Seq, watermark);
        Assert.Empty(await store.ReadChangesAsync(watermark, 10));

        var next = await store.AddHashesAsync("two", [Entry("b", 5, "terror")]);
        Assert.Equal([next!.Seq], (await store.ReadChangesAsync(watermark, 10)).Select(c => c.Seq));
    }

    [Fact]
    public async Task A_batch_naming_a_content_id_twice_is_refused()
    {
        var store = NewStore();
        await store.CreateBankAsync("bank", "", matchTransforms: false);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AddHashesAsync("bank", [Entry("x", 1, "csam"), Entry("x", 2, "csam")]));
        Assert.Equal(0, (await store.GetBankAsync("bank"))!.HashCount);
    }

    [Fact]
    public async Task A_poller_following_concurrent_writers_ends_with_exactly_what_a_full_load_reads()
    {
        const int Writers = 6;
        const int Rounds = 25;
        var setup = NewStore();
        var start = await setup.LoadAllAsync(_ => { });
        for (var w = 0; w < Writers; w++)
        {
            await setup.CreateBankAsync($"bank-{w}", "", matchTransforms: false);
        }

        // What the poller has seen, applied the way a silo applies it.
        var followed = new Dictionary<(string Bank, string ContentId), (string Hash, string Label)>();
        var lastChange = new Dictionary<string, long>();
        var after = start;
        async Task<int> PollAsync(IHashBankStore reader)
        {
            var changes = await reader.ReadChangesAsync(after, 7);
            foreach (var change in changes)
            {
                Assert.True(change.Seq > after, "the feed never goes back");
                after = change.Seq;
                lastChange[change.Bank] = change.Seq;
                switch (change.Kind)
                {
                    case HashBankChangeKind.HashStored:
                        followed[(change.Bank, change.ContentId!)] = (change.Hash!, change.Label!);
                        break;
                    case HashBankChangeKind.HashRemoved:
                        followed.Remove((change.Bank, change.ContentId!));
                        break;
                    default:
                        foreach (var key in followed.Keys.Where(k => k.Bank == change.Bank).ToList())
                        {
                            followed.Remove(key);
                        }

                        break;
                }
            }

            return changes.Count;
        }

        // Separate stores stand for separate silos: each has its own connections.
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var writer = NewStore();
            var random = new Random(w);
            for (var round = 0; round < Rounds; round++)
            {
                await writer.AddHashesAsync($"bank-{w}", [.. Enumerable.Range(0, 5).Select(i => Entry($"c{random.Next(40)}-{round}-{i}", random.Next(1, 1000), "spam_image"))]);
                await writer.RemoveHashesAsync($"bank-{w}", [$"c{random.Next(40)}-{round - 1}-{random.Next(5)}"]);
                await writer.AddHashesAsync($"bank-{w}", [Entry($"c{random.Next(40)}-{round}-0", random.Next(1, 1000), "csam")]);
            }
        })).ToList();

        var poller = NewStore();
        var writing = Task.WhenAll(writers);
        while (!writing.IsCompleted)
        {
            await PollAsync(poller);
        }

        await writing;
        while (await PollAsync(poller) > 0)
        {
        }

        var loaded = new Dictionary<(string Bank, string ContentId), (string Hash, string Label)>();
        var loadedLastChange = new Dictionary<string, long>();
        var watermark = await poller.LoadAllAsync(c =>
        {
            if (c.Kind == HashBankChangeKind.HashStored)
            {
                loaded[(c.Bank, c.ContentId!)] = (c.Hash!, c.Label!);
            }
            else
            {
                loadedLastChange[c.Bank] = c.Seq;
            }
        });
        Assert.Equal(watermark, after);
        Assert.Equal(loaded.OrderBy(p => p.Key), followed.OrderBy(p => p.Key));
        Assert.Equal(loadedLastChange.Where(p => lastChange.ContainsKey(p.Key)).OrderBy(p => p.Key), lastChange.OrderBy(p => p.Key));
    }
}
