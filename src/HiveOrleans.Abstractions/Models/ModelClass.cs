namespace HiveOrleans.Abstractions.Models;

/// <summary>One class a registered model reports: the sum of the model's scores for <see cref="Labels"/>.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ModelClass")]
public sealed record ModelClass
{
    /// <summary>The class's name in a frame's <c>classes</c> (Hive style, e.g. <c>weapon_gun</c>).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The model's labels whose scores add up to this class's score.</summary>
    [Id(1)] public required IReadOnlyList<string> Labels { get; init; }
}
