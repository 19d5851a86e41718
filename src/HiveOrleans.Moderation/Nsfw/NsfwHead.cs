namespace HiveOrleans.Moderation.Nsfw;

/// <summary>
/// nsfwjs's five probabilities as Hive's NSFW head (<c>general_nsfw</c> = Porn + Hentai, <c>general_suggestive</c> =
/// Sexy, <c>general_not_nsfw_not_suggestive</c> = Neutral + Drawing, summing to 1 as nsfwjs's do) followed by the raw
/// classes as <c>nsfwjs_drawing</c>, <c>nsfwjs_hentai</c>, <c>nsfwjs_neutral</c>, <c>nsfwjs_porn</c>, <c>nsfwjs_sexy</c>.
/// </summary>
public static class NsfwHead
{
    public const string Nsfw = "general_nsfw";
    public const string Suggestive = "general_suggestive";
    public const string Neither = "general_not_nsfw_not_suggestive";

    /// <summary>Every class the head reports, in the order <see cref="Scores"/> gives them.</summary>
    public static readonly IReadOnlyList<string> Classes =
        [Nsfw, Suggestive, Neither, .. NsfwjsModel.Labels.Select(label => "nsfwjs_" + label.ToLowerInvariant())];

    /// <summary>The head's scores from nsfwjs's probabilities (Drawing, Hentai, Neutral, Porn, Sexy), in <see cref="Classes"/> order.</summary>
    public static double[] Scores(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length != NsfwjsModel.Labels.Count)
        {
            throw new ArgumentException($"nsfwjs gives {NsfwjsModel.Labels.Count} probabilities; got {probabilities.Length}.", nameof(probabilities));
        }

        double drawing = probabilities[0], hentai = probabilities[1], neutral = probabilities[2], porn = probabilities[3], sexy = probabilities[4];
        return [porn + hentai, sexy, neutral + drawing, drawing, hentai, neutral, porn, sexy];
    }
}
