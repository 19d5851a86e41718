namespace HiveOrleans.Abstractions.Projects;

/// <summary>A new project and the secrets that are shown exactly once.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ProjectCreated")]
public sealed record ProjectCreated
{
    /// <summary>The new project.</summary>
    [Id(0)] public required ProjectDetails Project { get; init; }

    /// <summary>The two live API keys, in plain text.</summary>
    [Id(1)] public required IReadOnlyList<string> ApiKeys { get; init; }

    /// <summary>The secret callbacks are signed with.</summary>
    [Id(2)] public required string WebhookSecret { get; init; }
}
