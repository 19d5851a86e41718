namespace HiveOrleans.Abstractions.Models;

/// <summary>A model to register: its definition and, for an ONNX model, its file as uploaded or a path to it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ModelRegistration")]
public sealed record ModelRegistration
{
    /// <summary>The model's definition.</summary>
    [Id(0)] public required ModelDefinition Definition { get; init; }

    /// <summary>The uploaded ONNX file.</summary>
    [Id(1)] public byte[]? Content { get; init; }

    /// <summary>A path to the ONNX file on the silos' shared volume (under <c>HiveOrleans:Models:SharedDirectory</c>).</summary>
    [Id(2)] public string? Path { get; init; }
}
