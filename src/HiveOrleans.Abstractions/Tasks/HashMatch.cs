namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A frame matched a bank entry: its bank, the caller's content id, its label, and the Hamming distance.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.HashMatch")]
public sealed record HashMatch(
    [property: Id(0)] string Bank,
    [property: Id(1)] string ContentId,
    [property: Id(2)] string Label,
    [property: Id(3)] int Distance);
