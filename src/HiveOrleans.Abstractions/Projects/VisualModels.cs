namespace HiveOrleans.Abstractions.Projects;

/// <summary>The models a visual project can run on each image and frame (<c>visual_models</c>).</summary>
public static class VisualModels
{
    /// <summary>The built-in NSFW classifier: Hive's <c>general_*</c> head and nsfwjs's raw classes (docs/moderation.md).</summary>
    public const string Nsfw = "nsfw";

    /// <summary>PDQ matching against the project's hash banks: a <c>yes_</c>/<c>no_</c> class per bank label.</summary>
    public const string HashBanks = "hash_banks";

    /// <summary>The NSFW classifier's classes, which a visual project's thresholds may name (scores 0–1).</summary>
    public static readonly IReadOnlyList<string> NsfwClasses =
    [
        "general_nsfw", "general_suggestive", "general_not_nsfw_not_suggestive",
        "nsfwjs_drawing", "nsfwjs_hentai", "nsfwjs_neutral", "nsfwjs_porn", "nsfwjs_sexy",
    ];

    /// <summary>Every model a project may choose, in the order their classes appear in a frame's <c>classes</c>.</summary>
    public static readonly IReadOnlyList<string> Known = [Nsfw, HashBanks];

    /// <summary>
    /// The models a visual project runs: the ones it chose, in <see cref="Known"/> order; by default (none chosen)
    /// both when it has hash banks, else the NSFW classifier alone.
    /// </summary>
    public static IReadOnlyList<string> Effective(IReadOnlyList<string>? chosen, IReadOnlyList<string> hashBanks)
    {
        ArgumentNullException.ThrowIfNull(hashBanks);
        if (chosen is { Count: > 0 })
        {
            return [.. Known.Where(chosen.Contains)];
        }

        return hashBanks.Count > 0 ? [Nsfw, HashBanks] : [Nsfw];
    }
}
