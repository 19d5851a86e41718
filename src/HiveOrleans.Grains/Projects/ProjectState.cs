using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Grains.Projects;

[GenerateSerializer, Alias("HiveOrleans.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public ProjectConfig? Config { get; set; }

    /// <summary>SHA-256 hashes of the live keys; the keys themselves are never stored.</summary>
    [Id(1)] public List<string> ApiKeyHashes { get; set; } = [];

    [Id(2)] public string? WebhookSecret { get; set; }
}
