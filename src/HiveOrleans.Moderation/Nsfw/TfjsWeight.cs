namespace HiveOrleans.Moderation.Nsfw;

/// <summary>A weight tensor: its TensorFlow shape and its values, row-major.</summary>
internal sealed record TfjsWeight(int[] Shape, float[] Values);
