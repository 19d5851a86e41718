namespace HiveOrleans.Abstractions.Models;

/// <summary>
/// How a registered model wants its pictures: resized to <see cref="Width"/>×<see cref="Height"/>, then per channel
/// <c>(sample / Divisor - Mean) / Std</c>, in <see cref="Channels"/> order and <see cref="Layout"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ModelPreprocessing")]
public sealed record ModelPreprocessing
{
    /// <summary>The input's width in pixels.</summary>
    [Id(0)] public required int Width { get; init; }

    /// <summary>The input's height in pixels.</summary>
    [Id(1)] public required int Height { get; init; }

    /// <summary><c>stretch</c>: bilinear with aligned corners to the input's shape, whatever the aspect ratio.</summary>
    [Id(2)] public string Resize { get; init; } = "stretch";

    /// <summary><c>rgb</c> or <c>bgr</c>.</summary>
    [Id(3)] public string Channels { get; init; } = "rgb";

    /// <summary><c>nchw</c> (PyTorch exports) or <c>nhwc</c> (TensorFlow).</summary>
    [Id(4)] public string Layout { get; init; } = "nchw";

    /// <summary>Each 0–255 sample is divided by this first: 255 for a 0–1 range, 1 to keep 0–255.</summary>
    [Id(5)] public float Divisor { get; init; } = 255f;

    /// <summary>Subtracted per channel (in <see cref="Channels"/> order).</summary>
    [Id(6)] public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];

    /// <summary>Divides per channel after the mean is subtracted.</summary>
    [Id(7)] public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];
}
