using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Banks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Banks;

/// <summary>A silo's <see cref="BankIndex"/> following the banks in a real PostgreSQL database.</summary>
public sealed class BankIndexTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly List<BankIndex> _indexes = [];
    private readonly Random _random = new(7);
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];
    private FlakyHashBankStore _store = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(database.Store);
        _store = new FlakyHashBankStore(HashBankStoreFactory.Create(database.Store, TimeProvider.System));
    }

    public async Task DisposeAsync()
    {
        foreach (var index in _indexes)
        {
            await index.StopAsync(CancellationToken.None);
            index.Dispose();
        }

        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Hashes_within_31_bits_match_with_their_distance_and_hashes_32_bits_away_do_not()
    {
        var bank = Bank("known");
        var banked = RandomHash();
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        var added = await _store.AddHashesAsync(bank, [new HashBankEntry("img-1", banked.ToHex(), "csam")]);
        var index = await StartIndexAsync();
        await index.WaitForAsync(added!.Seq, Deadline);

        Assert.Equal([new BankMatch { Bank = bank, ContentId = "img-1", Label = "csam", Distance = 0 }], index.Match([bank], banked));
        foreach (var bits in new[] { 1, 16, 30, 31 })
        {
            var near = Flip(banked, bits);
            Assert.Equal([(bank, "img-1", "csam", bits)], index.Match([bank], near).Select(m => (m.Bank, m.ContentId, m.Label, m.Distance)));
        }

        Assert.Empty(index.Match([bank], Flip(banked, 32)));
        Assert.Empty(index.Match([bank], Flip(banked, 80)));
        Assert.Single(index.Match([bank], Flip(banked, 32), maxDistance: 32));
        Assert.Empty(index.Match([Bank("other"), "never-created"], banked));
        Assert.Empty(index.Match([], banked));
    }

    [Fact]
    public async Task Matches_from_several_banks_come_nearest_first()
    {
        var first = Bank("first");
        var second = Bank("second");
        var query = RandomHash();
        await _store.CreateBankAsync(first, "", matchTransforms: false);
        await _store.CreateBankAsync(second, "", matchTransforms: false);
        await _store.AddHashesAsync(first, [new("far", Flip(query, 20).ToHex(), "terror"), new("near", Flip(query, 3).ToHex(), "csam")]);
        var last = await _store.AddHashesAsync(second, [new("mid", Flip(query, 9).ToHex(), "ncii"), new("unrelated", RandomHash().ToHex(), "ncii")]);
        var index = await StartIndexAsync();
        await index.WaitForAsync(last!.Seq, Deadline);

        var matches = index.Match([second, first, second], query);

        Assert.Equal([("near", 3), ("mid", 9), ("far", 20)], matches.Select(m => (m.ContentId, m.Distance)));
        Assert.Equal([first, second, first], matches.Select(m => m.Bank));
        Assert.Equal(["csam", "ncii", "terror"], index.Labels([first, second]).Order());
        Assert.Equal(["ncii"], index.Labels([second, "never-created"]));
    }

    [Fact]
    public async Task A_running_index_follows_adds_replacements_removals_and_bank_deletion()
    {
        var bank = Bank("followed");
        var index = await StartIndexAsync();
        var original = RandomHash();
        var replacement = RandomHash();

        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        await WaitAsync(index, await _store.AddHashesAsync(bank, [new("x", original.ToHex(), "spam_image")]));
        Assert.Equal(["x"], index.Match([bank], Flip(original, 5)).Select(m => m.ContentId));
        Assert.Equal(["spam_image"], index.Labels([bank]));

        // Re-adding the id with another hash and label moves it: the old hash no longer matches.
        await WaitAsync(index, await _store.AddHashesAsync(bank, [new("x", replacement.ToHex(), "csam")]));
        Assert.Empty(index.Match([bank], original));
        Assert.Equal([("x", "csam", 0)], index.Match([bank], replacement).Select(m => (m.ContentId, m.Label, m.Distance)));
        Assert.Equal(["csam"], index.Labels([bank]));

        await WaitAsync(index, await _store.RemoveHashesAsync(bank, ["x"]));
        Assert.Empty(index.Match([bank], replacement));
        Assert.Empty(index.Labels([bank]));

        await WaitAsync(index, await _store.AddHashesAsync(bank, [new("x", original.ToHex(), "csam"), new("y", replacement.ToHex(), "terror")]));
        Assert.Single(index.Match([bank], original));

        var deleted = await _store.DeleteBankAsync(bank);
        await index.WaitForAsync(deleted!.Seq, Deadline);
        Assert.Empty(index.Match([bank], original));
        Assert.Empty(index.Match([bank], replacement));
        Assert.Empty(index.Labels([bank]));

        // A bank re-created under the name starts empty, even for a reader that saw its previous life.
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        await WaitAsync(index, await _store.AddHashesAsync(bank, [new("z", replacement.ToHex(), "ncii")]));
        Assert.Equal([("z", "ncii")], index.Match([bank], replacement).Select(m => (m.ContentId, m.Label)));
        Assert.Empty(index.Match([bank], original));
    }

    [Fact]
    public async Task A_bank_s_version_moves_with_every_change_and_a_freshly_loaded_index_agrees_with_a_following_one()
    {
        var bank = Bank("versioned");
        var other = Bank("unrelated");
        var following = await StartIndexAsync();
        Assert.Equal(0, following.VersionOf([bank]));

        var versions = new List<long>();
        async Task StepAsync(long seq)
        {
            await following.WaitForAsync(seq, Deadline);
            versions.Add(following.VersionOf([bank, "never-created"]));
            var loaded = await StartIndexAsync();
            Assert.Equal(following.VersionOf([bank]), loaded.VersionOf([bank]));
        }

        await StepAsync((await _store.CreateBankAsync(bank, "", matchTransforms: false))!.Seq);
        await StepAsync((await _store.AddHashesAsync(bank, [new("x", RandomHash().ToHex(), "csam"), new("y", RandomHash().ToHex(), "csam")]))!.Seq);
        await StepAsync((await _store.RemoveHashesAsync(bank, ["y"]))!.Seq);
        await StepAsync((await _store.AddHashesAsync(bank, [new("x", RandomHash().ToHex(), "terror")]))!.Seq);
        await StepAsync((await _store.DeleteBankAsync(bank))!.Seq);

        Assert.True(versions.Zip(versions.Skip(1)).All(pair => pair.First < pair.Second), $"versions rise: {string.Join(", ", versions)}");

        // Another bank's changes leave this one's version alone.
        await _store.CreateBankAsync(other, "", matchTransforms: false);
        await following.WaitForAsync((await _store.AddHashesAsync(other, [new("z", RandomHash().ToHex(), "csam")]))!.Seq, Deadline);
        Assert.Equal(versions[^1], following.VersionOf([bank]));
        Assert.True(following.VersionOf([bank, other]) > versions[^1]);
    }

    [Fact]
    public async Task An_index_started_later_loads_what_is_already_banked()
    {
        var bank = Bank("preloaded");
        var hashes = Enumerable.Range(0, 3000).Select(_ => RandomHash()).ToList();
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        await _store.AddHashesAsync(bank, [.. hashes.Select((h, i) => new HashBankEntry($"c{i}", h.ToHex(), i % 2 == 0 ? "csam" : "terror"))]);
        var removed = await _store.RemoveHashesAsync(bank, ["c0"]);

        var index = await StartIndexAsync();

        Assert.True(index.IsLoaded);
        Assert.True(index.AppliedSeq >= removed!.Seq);
        Assert.Empty(index.Match([bank], hashes[0]));
        Assert.Equal([("c1", "terror", 0)], index.Match([bank], hashes[1]).Select(m => (m.ContentId, m.Label, m.Distance)));
        Assert.Equal([("c2999", 31)], index.Match([bank], Flip(hashes[2999], 31)).Select(m => (m.ContentId, m.Distance)));
    }

    [Fact]
    public async Task Polling_failures_are_retried_until_the_store_answers_again()
    {
        var bank = Bank("flaky");
        var index = await StartIndexAsync();
        var hash = RandomHash();

        _store.Failing = true;
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        var added = await _store.AddHashesAsync(bank, [new("x", hash.ToHex(), "csam")]);
        await _store.FailedRead.WaitAsync(Deadline);
        await Assert.ThrowsAsync<TimeoutException>(() => index.WaitForAsync(added!.Seq, TimeSpan.FromMilliseconds(300)));

        _store.Failing = false;
        await index.WaitForAsync(added!.Seq, Deadline);
        Assert.Single(index.Match([bank], hash));
    }

    [Fact]
    public async Task An_index_whose_store_is_down_at_start_loads_once_it_is_back()
    {
        var bank = Bank("late");
        var hash = RandomHash();
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        var added = await _store.AddHashesAsync(bank, [new("x", hash.ToHex(), "csam")]);

        _store.Failing = true;
        var index = await StartIndexAsync();
        Assert.False(index.IsLoaded);
        Assert.Empty(index.Match([bank], hash));

        _store.Failing = false;
        await index.WaitForAsync(added!.Seq, Deadline);
        Assert.True(index.IsLoaded);
        Assert.Single(index.Match([bank], hash));
    }

    [Fact]
    public async Task Matching_goes_on_from_many_threads_while_changes_are_applied()
    {
        var bank = Bank("busy");
        var index = await StartIndexAsync();
        var steady = RandomHash();
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        await WaitAsync(index, await _store.AddHashesAsync(bank, [new("steady", steady.ToHex(), "csam")]));

        using var stop = new CancellationTokenSource();
        var matchers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var rounds = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.Contains(index.Match([bank], steady), m => m.ContentId == "steady");
                rounds++;
            }

            return rounds;
        })).ToList();

        HashesStored? last = null;
        for (var batch = 0; batch < 10; batch++)
        {
            last = await _store.AddHashesAsync(bank, [.. Enumerable.Range(0, 500).Select(i => new HashBankEntry($"b{batch}-{i}", RandomHash().ToHex(), "spam_image"))]);
            await _store.RemoveHashesAsync(bank, [.. Enumerable.Range(0, 250).Select(i => $"b{batch}-{i}")]);
        }

        await WaitAsync(index, last);
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(matchers), rounds => Assert.True(rounds > 0));
    }

    private async Task<BankIndex> StartIndexAsync()
    {
        var options = Options.Create(new HashBankOptions { PollInterval = TimeSpan.FromMilliseconds(100), PollBatch = 400 });
        var index = new BankIndex(_store, options, TimeProvider.System, NullLogger<BankIndex>.Instance);
        _indexes.Add(index);
        await index.StartAsync(CancellationToken.None);
        return index;
    }

    private static Task WaitAsync(BankIndex index, HashesStored? stored) => index.WaitForAsync(stored!.Seq, Deadline);

    private static Task WaitAsync(BankIndex index, HashRemoval? removed) => index.WaitForAsync(removed!.Seq, Deadline);

    private string Bank(string name) => $"{_prefix}-{name}";

    private PdqHash RandomHash()
    {
        Span<byte> bytes = stackalloc byte[32];
        _random.NextBytes(bytes);
        return PdqHash.FromHex(Convert.ToHexStringLower(bytes));
    }

    /// <summary><paramref name="hash"/> with exactly <paramref name="bits"/> distinct bits flipped.</summary>
    private PdqHash Flip(PdqHash hash, int bits)
    {
        var words = new[] { hash.Word0, hash.Word1, hash.Word2, hash.Word3 };
        foreach (var bit in Enumerable.Range(0, PdqHash.BitCount).OrderBy(_ => _random.Next()).Take(bits))
        {
            words[bit / 64] ^= 1UL << (bit % 64);
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }
}
