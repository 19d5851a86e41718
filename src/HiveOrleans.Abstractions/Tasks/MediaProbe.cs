namespace HiveOrleans.Abstractions.Tasks;

/// <summary>What a model learned about the media while reading it (Hive's <c>input.media</c> dimensions).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.MediaProbe")]
public sealed record MediaProbe
{
    /// <summary>Width in pixels.</summary>
    [Id(0)] public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    [Id(1)] public int? Height { get; init; }

    /// <summary>Seconds of video or animation; null for a still image.</summary>
    [Id(2)] public double? Duration { get; init; }

    /// <summary>How many frames were sampled.</summary>
    [Id(3)] public int NumFrames { get; init; }
}
