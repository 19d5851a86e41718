namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A recognised word's box in the submitted picture's pixels (Hive's <c>bounding_poly</c> entry) and tesseract's confidence in it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.OcrBox")]
public sealed record OcrBox(
    [property: Id(0)] int Left,
    [property: Id(1)] int Top,
    [property: Id(2)] int Right,
    [property: Id(3)] int Bottom,
    [property: Id(4)] double Score);
