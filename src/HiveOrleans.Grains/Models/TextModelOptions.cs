namespace HiveOrleans.Grains.Models;

/// <summary>The text model's settings, bound from <c>HiveOrleans:Text</c>; see docs/operations.md and docs/moderation.md.</summary>
public sealed class TextModelOptions
{
    public const string Section = "HiveOrleans:Text";

    /// <summary>
    /// Runs the learned layer over the lexicons (more recall on the corpus's test split, at a few more false
    /// positives; docs/moderation.md). On by default: the layer ships trained, so a silo only loads it. Off, tasks are
    /// judged by the lexicons and rules alone and <c>model_version</c> says so.
    /// </summary>
    public bool LearnedLayer { get; set; } = true;
}
