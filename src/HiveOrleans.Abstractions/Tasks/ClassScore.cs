namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A class and its score (a 0–3 severity for text heads, a probability elsewhere).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ClassScore")]
public sealed record ClassScore([property: Id(0)] string Class, [property: Id(1)] double Score)
{
    /// <summary>For a hash-bank class (<c>yes_&lt;label&gt;</c>), the Hamming distance of the nearest match.</summary>
    [Id(2)] public int? Distance { get; init; }
}
