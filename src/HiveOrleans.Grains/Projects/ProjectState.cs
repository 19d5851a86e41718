using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Grains.Projects;

[GenerateSerializer, Alias("HiveOrleans.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public ProjectConfig? Config { get; set; }

    /// <summary>Slots 1 and 2; a slot's key is stored only as its SHA-256 hash.</summary>
    [Id(1)] public List<KeySlotState> Keys { get; set; } = [];

    [Id(2)] public string? WebhookSecret { get; set; }

    [Id(3)] public string? PreviousWebhookSecret { get; set; }

    [Id(4)] public DateTimeOffset? PreviousWebhookSecretValidUntil { get; set; }
}
