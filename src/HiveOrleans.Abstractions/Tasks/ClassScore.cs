namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A class and its score (a 0–3 severity for text heads, a probability elsewhere).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ClassScore")]
public sealed record ClassScore([property: Id(0)] string Class, [property: Id(1)] double Score);
