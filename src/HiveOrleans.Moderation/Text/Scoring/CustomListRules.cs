namespace HiveOrleans.Moderation.Text;

/// <summary>
/// A project's own lists: a blocklist term is reported whatever its context and scores no head, as the project
/// asked for that word and no other. Allowlisted terms never reach the scorer: phrase matching lets them claim
/// their words from the built-in entries.
/// </summary>
internal static class CustomListRules
{
    /// <summary>Reports a blocklist term as a hit; true when it did, which raises the project's custom class.</summary>
    public static bool Score(in SpanContext context, in LexiconMatch match)
    {
        if (match.Entry.FilterType is null)
        {
            return false;
        }

        context.Hit(match.First, match.Last, match.Entry.FilterType);
        return true;
    }
}
