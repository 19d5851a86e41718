namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A matched stretch of the submitted text: a filter hit or a PII entity.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TextMatch")]
public sealed record TextMatch(
    [property: Id(0)] string Value,
    [property: Id(1)] int StartIndex,
    [property: Id(2)] int EndIndex,
    [property: Id(3)] string Type);
