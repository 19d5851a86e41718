namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A frame's PDQ hash and its quality (below 50 the hash is not trusted and matches are not claimed).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.PerceptualHash")]
public sealed record PerceptualHash([property: Id(0)] string Hash, [property: Id(1)] int Quality, [property: Id(2)] bool Trusted);
