namespace HiveOrleans.Abstractions.Models;

/// <summary>What a registered model is and how its scores become a frame's classes.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ModelDefinition")]
public sealed record ModelDefinition
{
    /// <summary><see cref="ModelKinds.Onnx"/> or <see cref="ModelKinds.Remote"/>.</summary>
    [Id(0)] public required string Kind { get; init; }

    /// <summary>The head the model's classes belong to; without <see cref="Classes"/>, each label L reports as <c>{head}_{l}</c>.</summary>
    [Id(1)] public required string Head { get; init; }

    /// <summary>A name per output score, in output order.</summary>
    [Id(2)] public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The classes reported, in order; empty for one class per label.</summary>
    [Id(3)] public IReadOnlyList<ModelClass> Classes { get; init; } = [];

    /// <summary>How pictures are turned into the model's input.</summary>
    [Id(4)] public required ModelPreprocessing Preprocessing { get; init; }

    /// <summary>The inference server, for a remote model.</summary>
    [Id(5)] public RemoteServer? Remote { get; init; }

    /// <summary>What the operator says the model is; may be empty.</summary>
    [Id(6)] public string Description { get; init; } = "";
}
