using HiveOrleans.Moderation.Pdq;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Pdq;

public sealed class PdqIndexTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public void Exact_and_near_hashes_are_found_and_far_ones_are_not(int bankSize)
    {
        var random = new Random(bankSize);
        using var index = new PdqIndex();
        for (var id = 0; id < bankSize; id++)
        {
            index.Add(RandomHash(random), id);
        }

        var target = RandomHash(random);
        index.Add(target, -1);
        index.Add(Flip(target, random, 31), -2);
        index.Add(Flip(target, random, 32), -3);

        Assert.Equal([new PdqMatch(-1, 0), new PdqMatch(-2, 31)], index.Query(target));
        Assert.Equal([new PdqMatch(-1, 0)], index.Query(target, maxDistance: 0));
        Assert.Equal([-1L, -2, -3], index.Query(target, maxDistance: 32).Select(m => m.Id));
    }

    [Fact]
    public void A_hash_differing_in_every_segment_is_still_found()
    {
        var random = new Random(3);
        using var index = new PdqIndex();
        for (var id = 0; id < 5000; id++)
        {
            index.Add(RandomHash(random), id);
        }

        // Two bits in fifteen segments and one in the last: 31 bits, the pigeonhole edge that probing
        // only the exact segment values would miss.
        var query = RandomHash(random);
        index.Add(FlipPerSegment(query, random, [2, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2]), 42);
        index.Add(FlipPerSegment(query, random, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]), 43);

        Assert.Equal([new PdqMatch(42, 31)], index.Query(query));
        Assert.Equal([new PdqMatch(42, 31), new PdqMatch(43, 32)], index.Query(query, maxDistance: 32));
    }

    [Fact]
    public void Removed_hashes_are_no_longer_found_and_the_rest_still_are()
    {
        var random = new Random(5);
        using var index = new PdqIndex();
        var hashes = Enumerable.Range(0, 3000).Select(_ => RandomHash(random)).ToArray();
        for (var id = 0; id < hashes.Length; id++)
        {
            index.Add(hashes[id], id);
        }

        for (var id = 0; id < hashes.Length; id += 3)
        {
            Assert.True(index.Remove(id));
        }

        Assert.False(index.Remove(0));
        Assert.False(index.Remove(999_999));
        Assert.Equal(2000, index.Count);
        for (var id = 0; id < hashes.Length; id++)
        {
            var found = index.Query(hashes[id], maxDistance: 0).Select(m => m.Id);
            Assert.Equal(id % 3 == 0 ? [] : [id], found);
        }
    }

    [Fact]
    public void Adding_an_existing_id_replaces_its_hash()
    {
        var random = new Random(6);
        using var index = new PdqIndex();
        var (before, after) = (RandomHash(random), RandomHash(random));

        index.Add(before, 7);
        index.Add(after, 7);

        Assert.Equal(1, index.Count);
        Assert.Empty(index.Query(before));
        Assert.Equal([new PdqMatch(7, 0)], index.Query(after));
    }

    [Fact]
    public void Queries_match_brute_force_on_twenty_thousand_hashes_with_planted_near_duplicates()
    {
        var random = new Random(20_000);
        using var index = new PdqIndex();
        var bank = new Dictionary<long, PdqHash>();
        long nextId = 0;
        void Add(PdqHash hash)
        {
            index.Add(hash, nextId);
            bank[nextId++] = hash;
        }

        for (var i = 0; i < 20_000; i++)
        {
            Add(RandomHash(random));
        }

        var queries = Enumerable.Range(0, 200).Select(_ => RandomHash(random)).ToList();
        int[] plantedDistances = [0, 1, 5, 15, 16, 17, 24, 30, 31, 32, 33, 40, 47, 48];
        foreach (var query in queries)
        {
            foreach (var distance in plantedDistances)
            {
                Add(Flip(query, random, distance));
            }

            Add(FlipPerSegment(query, random, [1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]));
        }

        var checkedMatches = CrossCheck(index, bank, queries);

        // Removal must leave the tables consistent with what is left.
        foreach (var id in bank.Keys.Where(id => id % 2 == 1).ToList())
        {
            Assert.True(index.Remove(id));
            bank.Remove(id);
        }

        checkedMatches += CrossCheck(index, bank, queries);
        output.WriteLine($"{checkedMatches} matches agreed with brute force over {queries.Count} queries at distances 0, 15, 16, 24, 31, 32, 64");
    }

    [Fact]
    public async Task Concurrent_queries_see_a_stable_entry_while_others_are_written()
    {
        var random = new Random(9);
        using var index = new PdqIndex();
        for (var id = 0; id < 5000; id++)
        {
            index.Add(RandomHash(random), id);
        }

        var stable = RandomHash(random);
        index.Add(stable, -1);
        var churn = Enumerable.Range(0, 2000).Select(_ => RandomHash(random)).ToArray();

        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < churn.Length; i++)
                {
                    index.Add(churn[i], 10_000 + i);
                }

                for (var i = 0; i < churn.Length; i++)
                {
                    index.Remove(10_000 + i);
                }
            }
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var misses = 0;
            for (var i = 0; i < 3000; i++)
            {
                if (!index.Query(stable).Any(m => m.Id == -1))
                {
                    misses++;
                }
            }

            return misses;
        })).ToArray();

        await writer.WaitAsync(TimeSpan.FromMinutes(2));
        var misses = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.All(misses, count => Assert.Equal(0, count));
        Assert.Equal(5001, index.Count);
    }

    private static int CrossCheck(PdqIndex index, Dictionary<long, PdqHash> bank, List<PdqHash> queries)
    {
        var matches = 0;
        foreach (var maxDistance in new[] { 0, 15, 16, 24, 31, 32, 64 })
        {
            foreach (var query in queries)
            {
                var expected = bank
                    .Select(entry => new PdqMatch(entry.Key, entry.Value.Distance(query)))
                    .Where(match => match.Distance <= maxDistance)
                    .OrderBy(match => match.Distance)
                    .ThenBy(match => match.Id)
                    .ToList();

                Assert.Equal(expected, index.Query(query, maxDistance));
                matches += expected.Count;
            }
        }

        return matches;
    }

    private static PdqHash RandomHash(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    private static PdqHash Flip(PdqHash hash, Random random, int bits)
    {
        var positions = Enumerable.Range(0, PdqHash.BitCount).OrderBy(_ => random.Next()).Take(bits);
        return FlipBits(hash, positions);
    }

    private static PdqHash FlipPerSegment(PdqHash hash, Random random, int[] bitsPerSegment)
    {
        var positions = bitsPerSegment.SelectMany((bits, segment) =>
            Enumerable.Range(segment * 16, 16).OrderBy(_ => random.Next()).Take(bits));
        return FlipBits(hash, positions);
    }

    private static PdqHash FlipBits(PdqHash hash, IEnumerable<int> positions)
    {
        ulong[] words = [hash.Word0, hash.Word1, hash.Word2, hash.Word3];
        foreach (var position in positions)
        {
            words[position >> 6] ^= 1UL << (position & 63);
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }
}
