namespace HiveOrleans.Abstractions.Projects;

/// <summary>What an operator asks for when creating a project.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ProjectSpec")]
public sealed record ProjectSpec
{
    /// <summary>The kind of model the project serves (see <see cref="ModelTypes"/>); fixed for the project's life.</summary>
    [Id(0)] public required string ModelType { get; init; }

    /// <summary>Everything else; <see cref="ProjectSettings.Name"/> is required here.</summary>
    [Id(1)] public required ProjectSettings Settings { get; init; }
}
