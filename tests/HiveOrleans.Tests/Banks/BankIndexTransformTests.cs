using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Banks;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Pdq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HiveOrleans.Tests.Banks;

/// <summary>
/// A silo's <see cref="BankIndex"/> matching pictures turned and mirrored against banks set to, with the transform
/// named, and following a change of the setting through the feed (real PostgreSQL).
/// </summary>
public sealed class BankIndexTransformTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly string _prefix = "d" + Guid.NewGuid().ToString("N")[..8];
    private IHashBankStore _store = null!;
    private BankIndex? _index;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(database.Store);
        _store = HashBankStoreFactory.Create(database.Store, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        if (_index is not null)
        {
            await _index.StopAsync(CancellationToken.None);
            _index.Dispose();
        }

        await ((IAsyncDisposable)_store).DisposeAsync();
    }

    [Fact]
    public async Task Each_turned_or_mirrored_copy_matches_a_bank_that_matches_transforms_with_the_transform_named()
    {
        using var scene = SyntheticImages.Scene(seed: 2, width: 480, height: 640);
        var (turns, plain) = (Bank("turns"), Bank("plain"));
        await _store.CreateBankAsync(turns, "", matchTransforms: true);
        await _store.CreateBankAsync(plain, "", matchTransforms: false);
        var banked = PdqHasher.Hash(Png(scene)).Hash.ToHex();
        await _store.AddHashesAsync(turns, [new HashBankEntry("photo", banked, "ncii")]);
        await _store.AddHashesAsync(plain, [new HashBankEntry("photo", banked, "ncii")]);
        var index = await StartIndexAsync();

        foreach (var transform in PdqTransforms.All)
        {
            using var copy = DihedralPixels.Apply(scene, transform);
            var hashes = PdqHasher.HashDihedral(Png(copy)).Dihedral!;

            var matches = index.Match([turns, plain], hashes);

            var turned = Assert.Single(matches, m => m.Bank == turns);
            Assert.Equal(("photo", "ncii", transform.Name()), (turned.ContentId, turned.Label, turned.Transform));
            Assert.InRange(turned.Distance, 0, PdqHasher.MatchThreshold);
            Assert.Equal(transform == PdqTransform.Original, matches.Any(m => m.Bank == plain));
            Assert.All(matches.Where(m => m.Bank == plain), m => Assert.Equal("original", m.Transform));
        }
    }

    [Fact]
    public async Task Turning_the_setting_on_and_off_reaches_a_running_index_and_leaves_the_bank_s_hashes()
    {
        using var scene = SyntheticImages.Scene(seed: 5);
        var bank = Bank("switched");
        await _store.CreateBankAsync(bank, "", matchTransforms: false);
        await _store.AddHashesAsync(bank, [new HashBankEntry("photo", PdqHasher.Hash(Png(scene)).Hash.ToHex(), "terror")]);
        var index = await StartIndexAsync();
        using var mirrored = DihedralPixels.Apply(scene, PdqTransform.FlipHorizontal);
        var copy = PdqHasher.HashDihedral(Png(mirrored)).Dihedral!;
        var original = PdqHasher.HashDihedral(Png(scene)).Dihedral!;
        Assert.Empty(index.Match([bank], copy));
        Assert.False(index.MatchesTransforms(bank));

        var on = await _store.UpdateBankAsync(bank, null, matchTransforms: true);
        await index.WaitForAsync(on!.Seq, Deadline);
        Assert.Equal("flip_horizontal", Assert.Single(index.Match([bank], copy)).Transform);
        Assert.Equal("original", Assert.Single(index.Match([bank], original)).Transform);

        var off = await _store.UpdateBankAsync(bank, null, matchTransforms: false);
        await index.WaitForAsync(off!.Seq, Deadline);
        Assert.Empty(index.Match([bank], copy));
        Assert.Equal("original", Assert.Single(index.Match([bank], original)).Transform);
    }

    [Fact]
    public async Task Unrelated_pictures_match_no_transform_of_a_banked_one()
    {
        var bank = Bank("unrelated");
        await _store.CreateBankAsync(bank, "", matchTransforms: true);
        var entries = new List<HashBankEntry>();
        for (var seed = 100; seed < 110; seed++)
        {
            using var banked = SyntheticImages.Scene(seed);
            entries.Add(new HashBankEntry($"scene-{seed}", PdqHasher.Hash(Png(banked)).Hash.ToHex(), "spam_image"));
        }

        await _store.AddHashesAsync(bank, entries);
        var index = await StartIndexAsync();

        for (var seed = 200; seed < 230; seed++)
        {
            using var other = SyntheticImages.Scene(seed);
            Assert.Empty(index.Match([bank], PdqHasher.HashDihedral(Png(other)).Dihedral!));
        }
    }

    private async Task<BankIndex> StartIndexAsync()
    {
        var options = Options.Create(new HashBankOptions { PollInterval = TimeSpan.FromMilliseconds(100), PollBatch = 400 });
        _index = new BankIndex(_store, options, TimeProvider.System, NullLogger<BankIndex>.Instance);
        await _index.StartAsync(CancellationToken.None);
        await _index.WaitForAsync(0, Deadline);
        return _index;
    }

    private string Bank(string name) => $"{_prefix}-{name}";

    private static byte[] Png(SKBitmap bitmap) => SyntheticImages.Encode(bitmap, SKEncodedImageFormat.Png);
}
