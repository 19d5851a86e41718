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
