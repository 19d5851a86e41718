namespace HiveOrleans.Grains.Models;

/// <summary>The text model's settings, bound from <c>HiveOrleans:Text</c>; see docs/operations.md and docs/moderation.md.</summary>
public sealed class TextModelOptions
{
    public const string Section = "HiveOrleans:Text";

    /// <summary>
    /// Runs the learned layer over the lexicons (about twice the recall on the corpus's test split, at a few more false
    /// positives). Off by default for now: each silo trains the layer as it starts (~1.8 s of one core), which on a
    /// small, loaded host slows a starting cluster enough to matter; training at build time will remove that.
    /// </summary>
    public bool LearnedLayer { get; set; }
}
