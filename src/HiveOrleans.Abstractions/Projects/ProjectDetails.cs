namespace HiveOrleans.Abstractions.Projects;

/// <summary>A project as the operator API shows it: its configuration and its key slots.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ProjectDetails")]
public sealed record ProjectDetails
{
    /// <summary>The configuration.</summary>
    [Id(0)] public required ProjectConfig Config { get; init; }

    /// <summary>Slots 1 and 2.</summary>
    [Id(1)] public required IReadOnlyList<ApiKeySlot> Keys { get; init; }
}
