namespace HiveOrleans.Grains.Callbacks;

/// <summary>The outcome of one callback attempt.</summary>
public sealed record CallbackAttempt(bool Succeeded, int? StatusCode, string? Error, TimeSpan Duration);
