namespace HiveOrleans.Storage.Banks;

/// <summary>Live hashes per bank and label, as read from the store, folded into <see cref="StoredHashBank"/>s.</summary>
internal sealed class HashBankLabelCounts
{
    private readonly Dictionary<string, Dictionary<string, long>> _byBank = new(StringComparer.Ordinal);

    public void Add(string bank, string label, long count)
    {
        if (!_byBank.TryGetValue(bank, out var labels))
        {
            labels = new Dictionary<string, long>(StringComparer.Ordinal);
            _byBank.Add(bank, labels);
        }

        labels[label] = count;
    }

    public StoredHashBank Bank(string name, string description, DateTimeOffset createdAt, bool matchTransforms)
    {
        var labels = _byBank.GetValueOrDefault(name) ?? [];
        return new StoredHashBank(name, description, createdAt, matchTransforms, labels.Values.Sum(), labels);
    }
}
