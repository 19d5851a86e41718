namespace HiveOrleans.Abstractions.Models;

/// <summary>A registered model as the operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ModelDetails")]
public sealed record ModelDetails
{
    /// <summary>The name projects choose it by in <c>visual_models</c>.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Its definition.</summary>
    [Id(1)] public required ModelDefinition Definition { get; init; }

    /// <summary>Its version, which names what its scores depend on (<c>{name}/{kind}-{12 hex digits}</c>) and goes into the result cache key.</summary>
    [Id(2)] public required string Version { get; init; }

    /// <summary>The size of its ONNX file; 0 for a remote model.</summary>
    [Id(3)] public required long ContentBytes { get; init; }

    /// <summary>When this version was registered.</summary>
    [Id(4)] public required DateTimeOffset RegisteredOn { get; init; }

    /// <summary>The classes it reports, in order.</summary>
    [Id(5)] public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>True when registering replaced an earlier version of the name.</summary>
    [Id(6)] public bool Replaced { get; init; }
}
