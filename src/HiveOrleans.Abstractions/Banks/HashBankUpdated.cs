namespace HiveOrleans.Abstractions.Banks;

/// <summary>A bank after a change of its settings, and the change's sequence number.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.HashBankUpdated")]
public sealed record HashBankUpdated
{
    /// <summary>The bank as it is after the change.</summary>
    [Id(0)] public required HashBankDetails Bank { get; init; }

    /// <summary>
    /// The sequence number of the change (see <see cref="HashesAdded.Seq"/>), or of the bank's last change when this
    /// one changed nothing the silos' matchers follow: once a silo has applied it, it matches with the new setting.
    /// </summary>
    [Id(1)] public required long Seq { get; init; }
}
