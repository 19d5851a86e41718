namespace HiveOrleans.Abstractions.Projects;

/// <summary>What an operator asks for when creating a project.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ProjectSpec")]
public sealed record ProjectSpec
{
    /// <summary>A display name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The kind of model the project serves (see <see cref="ModelTypes"/>).</summary>
    [Id(1)] public required string ModelType { get; init; }

    /// <summary><c>model_only</c> or <c>manual_review</c> (see <see cref="ReviewModes"/>).</summary>
    [Id(2)] public required string Review { get; init; }

    /// <summary>The user (account) that owns the project.</summary>
    [Id(3)] public long UserId { get; init; } = 1;

    /// <summary>How long a sync request waits for its result; <see cref="ProjectDefaults.SyncTimeout"/> when not given.</summary>
    [Id(4)] public TimeSpan? SyncTimeout { get; init; }
}
