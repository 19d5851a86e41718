namespace HiveOrleans.Wire.Models;

/// <summary>A registered model's preprocessing: resized to width×height, then per channel <c>(sample / divisor - mean) / std</c>.</summary>
public sealed record PreprocessingDocument(int Width, int Height, string Resize, string Channels, string Layout, float Divisor, IReadOnlyList<float> Mean, IReadOnlyList<float> Std);
