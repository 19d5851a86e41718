namespace HiveOrleans.Abstractions.Banks;

/// <summary>What adding a batch of hashes did.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.HashesAdded")]
public sealed record HashesAdded
{
    /// <summary>Content ids that were not in the bank.</summary>
    [Id(0)] public required int Added { get; init; }

    /// <summary>Content ids whose hash or label changed.</summary>
    [Id(1)] public required int Replaced { get; init; }

    /// <summary>Content ids that already held exactly this hash and label.</summary>
    [Id(2)] public required int Unchanged { get; init; }

    /// <summary>
    /// The sequence number of the batch's last change, 0 when nothing changed. Every silo's matcher has the change once
    /// it has applied this number (<c>BankIndex.AppliedSeq</c>).
    /// </summary>
    [Id(3)] public required long Seq { get; init; }
}
