namespace HiveOrleans.Abstractions.Projects;

/// <summary>The secrets callbacks are signed with: the current one, and during a rotation the previous one too.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.WebhookSecrets")]
public sealed record WebhookSecrets
{
    /// <summary>The current secret.</summary>
    [Id(0)] public required string Current { get; init; }

    /// <summary>The secret before the last rotation, while it is still honoured.</summary>
    [Id(1)] public string? Previous { get; init; }

    /// <summary>Until when <see cref="Previous"/> is still used.</summary>
    [Id(2)] public DateTimeOffset? PreviousValidUntil { get; init; }
}
