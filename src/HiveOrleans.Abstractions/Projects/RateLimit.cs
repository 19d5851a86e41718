namespace HiveOrleans.Abstractions.Projects;

/// <summary>A token bucket: <paramref name="PerSecond"/> requests a second on average, up to <paramref name="Burst"/> at once.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.RateLimit")]
public sealed record RateLimit([property: Id(0)] double PerSecond, [property: Id(1)] int Burst);
