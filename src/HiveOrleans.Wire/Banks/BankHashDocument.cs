using HiveOrleans.Abstractions.Banks;

namespace HiveOrleans.Wire.Banks;

/// <summary>One hash in a <see cref="HashPageDocument"/>.</summary>
/// <param name="ContentId">The caller's id for the content.</param>
/// <param name="Hash">The PDQ hash, 64 lowercase hex digits.</param>
/// <param name="Label">The label.</param>
/// <param name="AddedOn">When this hash and label were stored under the content id.</param>
public sealed record BankHashDocument(string ContentId, string Hash, string Label, DateTimeOffset AddedOn)
{
    /// <summary>The document for <paramref name="entry"/>.</summary>
    public static BankHashDocument From(BankHashEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.ContentId, entry.Hash, entry.Label, entry.AddedOn);
    }
}
