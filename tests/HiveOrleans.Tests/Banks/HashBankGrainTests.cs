using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Banks;

/// <summary>The bank grain on a two-silo cluster over PostgreSQL, and every silo's index following what it writes.</summary>
public sealed class HashBankGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly string Hash = new string('0', 63) + "1";

    private readonly PostgresDatabase _database = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = await HiveTestCluster.StartAsync(
            _database.Store,
            silos: 2,
            new Dictionary<string, string?> { ["HiveOrleans:HashBanks:PollInterval"] = "00:00:00.100" });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task What_one_grain_writes_every_silo_matches_within_its_polling_interval()
    {
        var bank = Bank("hotline");
        await bank.CreateAsync("reports from the hotline", null);
        var banked = PdqHash.FromHex("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
        var added = await bank.AddHashesAsync(
        [
            new BankHash { ContentId = "report-1", Hash = banked.ToHex().ToUpperInvariant(), Label = "csam" },
            new BankHash { ContentId = "report-2", Hash = Hash, Label = "terror" },
        ]);
        Assert.Equal((2, 0, 0), (added.Added, added.Replaced, added.Unchanged));

        foreach (var index in Indexes())
        {
            await index.WaitForAsync(added.Seq, Deadline);
            Assert.Equal([("report-1", "csam", 0)], index.Match(["hotline"], banked).Select(m => (m.ContentId, m.Label, m.Distance)));
            Assert.Equal(["csam", "terror"], index.Labels(["hotline"]).Order());
        }

        var removed = await bank.RemoveHashesAsync(["report-1", "not-there"]);
        Assert.Equal(1, removed.Removed);
        foreach (var index in Indexes())
        {
            await index.WaitForAsync(removed.Seq, Deadline);
            Assert.Empty(index.Match(["hotline"], banked));
        }

        var deleted = await bank.DeleteAsync();
        foreach (var index in Indexes())
        {
            await index.WaitForAsync(deleted, Deadline);
            Assert.Empty(index.Labels(["hotline"]));
        }
    }

    [Fact]
    public async Task A_bank_reports_its_counts_pages_its_hashes_and_is_listed()
    {
        var bank = Bank("counted");
        var created = await bank.CreateAsync("  spam  ", null);
        Assert.Equal(("counted", "spam", 0L), (created.Name, created.Description, created.HashCount));
        await bank.AddHashesAsync([.. Enumerable.Range(0, 5).Select(i => new BankHash { ContentId = $"c{i}", Hash = Hex(i), Label = i < 3 ? "spam_image" : "ncii" })]);
        var replaced = await bank.AddHashesAsync([new BankHash { ContentId = "c0", Hash = Hex(9), Label = "ncii" }, new BankHash { ContentId = "c1", Hash = Hex(1), Label = "spam_image" }]);
        Assert.Equal((0, 1, 1), (replaced.Added, replaced.Replaced, replaced.Unchanged));

        var details = await bank.GetAsync();
        Assert.Equal(5, details!.HashCount);
        Assert.Equal(new Dictionary<string, long> { ["ncii"] = 3, ["spam_image"] = 2 }, details.Labels);

        var page = await bank.ListHashesAsync(1, 2);
        Assert.Equal(5, page.Total);
        Assert.Equal([("c1", Hex(1)), ("c2", Hex(2))], page.Hashes.Select(h => (h.ContentId, h.Hash)));

        var listed = await _cluster.Client.GetGrain<IHashBankCatalogGrain>(0).ListAsync();
        Assert.Contains(listed, b => b.Name == "counted" && b.HashCount == 5);
    }

    [Fact]
    public async Task Requests_that_break_the_rules_are_refused_with_the_reason()
    {
        var bank = Bank("strict");
        await bank.CreateAsync(null, null);

        var conflict = await Assert.ThrowsAsync<HashBankRequestException>(() => bank.CreateAsync(null, null));
        Assert.Equal(HashBankError.Conflict, conflict.Error);

        var missing = await Assert.ThrowsAsync<HashBankRequestException>(() => Bank("missing").AddHashesAsync([Entry("a", Hash, "csam")]));
        Assert.Equal(HashBankError.NotFound, missing.Error);
        Assert.Null(await Bank("missing").GetAsync());
        Assert.Equal(HashBankError.NotFound, (await Assert.ThrowsAsync<HashBankRequestException>(() => Bank("missing").DeleteAsync())).Error);

        await AssertInvalidAsync(bank.AddHashesAsync([Entry("a", Hash[..63], "csam")]), "hashes[0].hash");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry("a", Hash, "csam"), Entry("b", "g" + Hash[1..], "csam")]), "hashes[1].hash");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry("a", Hash, "CSAM")]), "hashes[0].label");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry("a", Hash, "csam\n")]), "hashes[0].label");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry("", Hash, "csam")]), "hashes[0].content_id");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry(new string('x', 201), Hash, "csam")]), "hashes[0].content_id");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry("a\0b", Hash, "csam")]), "hashes[0].content_id");
        await AssertInvalidAsync(bank.AddHashesAsync([Entry("a", Hash, "csam"), Entry("a", Hash, "csam")]), "twice");
        await AssertInvalidAsync(bank.AddHashesAsync([]), "'hashes'");
        await AssertInvalidAsync(bank.AddHashesAsync([.. Enumerable.Range(0, HashBankLimits.MaxBatch + 1).Select(i => Entry($"c{i}", Hash, "csam"))]), "10,000");
        await AssertInvalidAsync(bank.RemoveHashesAsync([]), "'content_ids'");
        await AssertInvalidAsync(bank.ListHashesAsync(0, HashBankLimits.MaxPage + 1), "'limit'");
        await AssertInvalidAsync(bank.ListHashesAsync(-1, 10), "'offset'");
        await AssertInvalidAsync(Bank("Upper").CreateAsync(null, null), "bank name");
        await AssertInvalidAsync(Bank("-leading").CreateAsync(null, null), "bank name");
        await AssertInvalidAsync(Bank(new string('a', 65)).CreateAsync(null, null), "bank name");

        Assert.Equal(0, (await bank.GetAsync())!.HashCount);
        Assert.Equal(64, (await Bank(new string('a', 64)).CreateAsync(null, null)).Name.Length);
    }

    [Fact]
    public async Task A_new_bank_matches_transforms_unless_told_not_to_and_a_change_reaches_every_silo()
    {
        Assert.True((await Bank("by-default").CreateAsync(null, null)).MatchTransforms);
        var bank = Bank("as-banked");
        Assert.False((await bank.CreateAsync("", matchTransforms: false)).MatchTransforms);
        Assert.False((await bank.GetAsync())!.MatchTransforms);

        var updated = await bank.UpdateAsync(null, matchTransforms: true);

        Assert.Equal(("", true), (updated.Bank.Description, updated.Bank.MatchTransforms));
        foreach (var index in Indexes())
        {
            await index.WaitForAsync(updated.Seq, Deadline);
            Assert.True(index.MatchesTransforms("as-banked"));
        }

        Assert.Equal((" the hotline's".Trim(), true), ((await bank.UpdateAsync("  the hotline's ", null)).Bank.Description, (await bank.GetAsync())!.MatchTransforms));
        await AssertInvalidAsync(bank.UpdateAsync(null, null), "Nothing to change");
        await AssertInvalidAsync(bank.UpdateAsync(new string('d', 1001), null), "description");
        var missing = await Assert.ThrowsAsync<HashBankRequestException>(() => Bank("never-made").UpdateAsync(null, matchTransforms: true));
        Assert.Equal(HashBankError.NotFound, missing.Error);
    }

    private static async Task AssertInvalidAsync(Task call, string mentioned)
    {
        var refused = await Assert.ThrowsAsync<HashBankRequestException>(() => call);
        Assert.Equal(HashBankError.Invalid, refused.Error);
        Assert.Contains(mentioned, refused.Message, StringComparison.Ordinal);
    }

    private static BankHash Entry(string contentId, string hash, string label) => new() { ContentId = contentId, Hash = hash, Label = label };

    private static string Hex(int value) => $"{new string('a', 48)}{value:x16}";

    private IHashBankGrain Bank(string name) => _cluster.Client.GetGrain<IHashBankGrain>(HashBankKeys.GrainKey(name));

    private IEnumerable<BankIndex> Indexes() => _cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<BankIndex>());
}
