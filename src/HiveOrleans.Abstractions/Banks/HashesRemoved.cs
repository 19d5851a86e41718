namespace HiveOrleans.Abstractions.Banks;

/// <summary>What removing hashes did.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.HashesRemoved")]
public sealed record HashesRemoved
{
    /// <summary>How many hashes were removed; ids the bank did not hold are not counted.</summary>
    [Id(0)] public required int Removed { get; init; }

    /// <summary>The sequence number of the last removal, 0 when nothing was removed (see <see cref="HashesAdded.Seq"/>).</summary>
    [Id(1)] public required long Seq { get; init; }
}
