namespace HiveOrleans.Wire.Projects;

/// <summary>A project's token bucket, in <see cref="ProjectDocument"/>.</summary>
/// <param name="PerSecond">Requests a second on average.</param>
/// <param name="Burst">Requests at once.</param>
public sealed record RateLimitDocument(double PerSecond, int Burst);
