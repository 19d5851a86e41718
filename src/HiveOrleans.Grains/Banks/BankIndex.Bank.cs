using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Grains.Banks;

public sealed partial class BankIndex
{
    /// <summary>One bank's hashes: the matcher's ids stand for content ids, which the entries map back with their labels.</summary>
    private sealed class Bank(string name) : IDisposable
    {
        private readonly Dictionary<string, long> _idByContent = new(StringComparer.Ordinal);
        private long _lastId;

        public string Name { get; } = name;

        public PdqIndex Index { get; } = new();

        public Dictionary<long, Entry> Entries { get; } = [];

        /// <summary>Hashes per label, with the one instance of each label string the entries share.</summary>
        public Dictionary<string, (string Label, int Count)> LabelCounts { get; } = new(StringComparer.Ordinal);

        public void Store(string contentId, PdqHash hash, string label)
        {
            if (_idByContent.TryGetValue(contentId, out var id))
            {
                contentId = Entries[id].ContentId;
                Uncount(Entries[id].Label);
            }
            else
            {
                id = ++_lastId;
                _idByContent.Add(contentId, id);
            }

            Entries[id] = new Entry(contentId, Count(label));
            Index.Add(hash, id);
        }

        public bool Remove(string contentId)
        {
            if (!_idByContent.Remove(contentId, out var id))
            {
                return false;
            }

            Uncount(Entries[id].Label);
            Entries.Remove(id);
            Index.Remove(id);
            return true;
        }

        public void Dispose() => Index.Dispose();

        /// <summary>Adds the banked hashes near <paramref name="hash"/>, as matches of the picture as it is.</summary>
        public void Match(PdqHash hash, int maxDistance, List<BankMatch> matches)
        {
            foreach (var match in Index.Query(hash, maxDistance))
            {
                matches.Add(Found(match.Id, match.Distance, PdqTransform.Original));
            }
        }

        /// <summary>
        /// Adds the banked hashes near any of the eight, each once at its nearest. <c>hashes[t]</c> is the picture
        /// with t done to it, so a banked hash near it is a picture that t turns into the banked one: the picture is
        /// the banked one with t's inverse done to it, which is what is reported.
        /// </summary>
        public void MatchDihedral(PdqDihedralHashes hashes, int maxDistance, List<BankMatch> matches)
        {
            var nearest = new Dictionary<long, (int Distance, PdqTransform Transform)>();
            foreach (var transform in PdqTransforms.All)
            {
                foreach (var match in Index.Query(hashes[transform], maxDistance))
                {
                    if (!nearest.TryGetValue(match.Id, out var found) || match.Distance < found.Distance)
                    {
                        nearest[match.Id] = (match.Distance, transform);
                    }
                }
            }

            foreach (var (id, (distance, transform)) in nearest)
            {
                matches.Add(Found(id, distance, transform.Inverse()));
            }
        }

        private BankMatch Found(long id, int distance, PdqTransform transform)
        {
            var entry = Entries[id];
            return new BankMatch { Bank = Name, ContentId = entry.ContentId, Label = entry.Label, Distance = distance, Transform = transform.Name() };
        }

        private string Count(string label)
        {
            var shared = LabelCounts.TryGetValue(label, out var counted) ? counted.Label : label;
            LabelCounts[shared] = (shared, counted.Count + 1);
            return shared;
        }

        private void Uncount(string label)
        {
            var (shared, count) = LabelCounts[label];
            if (count == 1)
            {
                LabelCounts.Remove(label);
            }
            else
            {
                LabelCounts[label] = (shared, count - 1);
            }
        }
    }

    private readonly record struct Entry(string ContentId, string Label);
}
