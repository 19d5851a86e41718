namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A frame matched a bank entry: its bank, the caller's content id, its label, and the Hamming distance.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.HashMatch")]
public sealed record HashMatch(
    [property: Id(0)] string Bank,
    [property: Id(1)] string ContentId,
    [property: Id(2)] string Label,
    [property: Id(3)] int Distance)
{
    /// <summary>
    /// How the frame differs from the banked picture (<c>original</c>, <c>rotate90</c>, … <c>transverse</c>; see
    /// <see cref="Banks.BankMatch.Transform"/>). Results stored before transforms were matched read as <c>original</c>.
    /// </summary>
    [Id(4)] public string Transform { get; init; } = "original";
}
