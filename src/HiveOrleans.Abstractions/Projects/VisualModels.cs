namespace HiveOrleans.Abstractions.Projects;

/// <summary>The models a visual project can run on each image and frame (<c>visual_models</c>).</summary>
public static class VisualModels
{
    /// <summary>The built-in NSFW classifier: Hive's <c>general_*</c> head and nsfwjs's raw classes (docs/moderation.md).</summary>
    public const string Nsfw = "nsfw";

    /// <summary>PDQ matching against the project's hash banks: a <c>yes_</c>/<c>no_</c> class per bank label.</summary>
    public const string HashBanks = "hash_banks";

    /// <summary>OCR on each image and frame: its text blocks and their text classes, as Hive's <c>frame_results</c>.</summary>
    public const string Ocr = "ocr";

    /// <summary>The NSFW classifier's classes, which a visual project's thresholds may name (scores 0–1).</summary>
    public static readonly IReadOnlyList<string> NsfwClasses =
    [
        "general_nsfw", "general_suggestive", "general_not_nsfw_not_suggestive",
        "nsfwjs_drawing", "nsfwjs_hentai", "nsfwjs_neutral", "nsfwjs_porn", "nsfwjs_sexy",
    ];

    /// <summary>The built-in models a project may choose; any other name must be a registered model (<c>/admin/v1/models</c>).</summary>
    public static readonly IReadOnlyList<string> Known = [Nsfw, HashBanks, Ocr];

    /// <summary>The registered models among <paramref name="chosen"/>, in the order chosen.</summary>
    public static IReadOnlyList<string> Registered(IReadOnlyList<string> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        return [.. chosen.Where(model => !Known.Contains(model))];
    }

    /// <summary>
    /// The models a visual project runs: the built-in ones it chose, in <see cref="Known"/> order, then its registered
    /// ones in the order chosen; by default (none chosen) both built-in ones when it has hash banks, else the NSFW
    /// classifier alone. A frame's classes come NSFW first, then each registered model's, then the banks'.
    /// </summary>
    public static IReadOnlyList<string> Effective(IReadOnlyList<string>? chosen, IReadOnlyList<string> hashBanks)
    {
        ArgumentNullException.ThrowIfNull(hashBanks);
        if (chosen is { Count: > 0 })
        {
            return [.. Known.Where(chosen.Contains), .. Registered(chosen)];
        }

        return hashBanks.Count > 0 ? [Nsfw, HashBanks] : [Nsfw];
    }
}
