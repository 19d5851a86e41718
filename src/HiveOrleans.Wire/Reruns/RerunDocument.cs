using HiveOrleans.Abstractions.Reruns;

namespace HiveOrleans.Wire.Reruns;

/// <summary>
/// A rerun as the operator API shows it (<c>POST /admin/v1/projects/{id}/rerun</c>, <c>GET /admin/v1/reruns/{id}</c>):
/// what was asked, how far it has come and the diff so far.
/// </summary>
/// <param name="RerunId">The rerun.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="Mode"><c>shadow</c> or <c>apply</c>.</param>
/// <param name="Status"><c>running</c>, <c>completed</c>, <c>cancelled</c> or <c>failed</c>.</param>
/// <param name="Since">The window's start (inclusive), or null for the project's first task.</param>
/// <param name="Until">The window's end (exclusive), fixed at the start.</param>
/// <param name="Limit">The most tasks looked at, or null for all.</param>
/// <param name="Callbacks">Apply mode: whether changed tasks' callbacks are sent again.</param>
/// <param name="BaseConfigVersion">The project's configuration version the settings were merged over.</param>
/// <param name="Total">How many tasks the rerun will look at; null while it counts its window, which it does first.</param>
/// <param name="Done">How many it has looked at.</param>
/// <param name="Changed">Tasks whose verdict would change (shadow) or did (apply).</param>
/// <param name="NewlyFlagged">Changed tasks that had no head above 0 and now have one.</param>
/// <param name="Cleared">Changed tasks that had a head above 0 and now have none.</param>
/// <param name="Skipped">Tasks looked at but not rerun: unfinished, failed, waiting for review, or with their media gone.</param>
/// <param name="MediaGone">Of <paramref name="Skipped"/>, media tasks whose media is no longer stored.</param>
/// <param name="Heads">Per head and direction, how many tasks move, most first.</param>
/// <param name="Examples">Changed task ids, oldest first, at most the configured number.</param>
/// <param name="CreatedOn">When it was asked.</param>
/// <param name="UpdatedOn">Its last checkpoint.</param>
/// <param name="FinishedOn">When it completed, was cancelled or failed.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RerunDocument(
    Guid RerunId,
    long ProjectId,
    string Mode,
    string Status,
    DateTimeOffset? Since,
    DateTimeOffset Until,
    long? Limit,
    bool Callbacks,
    int BaseConfigVersion,
    long? Total,
    long Done,
    long Changed,
    long NewlyFlagged,
    long Cleared,
    long Skipped,
    long MediaGone,
    IReadOnlyList<RerunHeadDocument> Heads,
    IReadOnlyList<Guid> Examples,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn,
    DateTimeOffset? FinishedOn,
    string? Error)
{
    /// <summary>The document for <paramref name="rerun"/>.</summary>
    public static RerunDocument From(RerunProgress rerun)
    {
        ArgumentNullException.ThrowIfNull(rerun);
        var spec = rerun.Spec;
        return new(
            rerun.RerunId,
            spec.ProjectId,
            spec.Mode,
            rerun.Status,
            spec.Since,
            rerun.Until,
            spec.Limit,
            spec.Callbacks,
            rerun.BaseConfigVersion,
            rerun.Total,
            rerun.Done,
            rerun.Changed,
            rerun.NewlyFlagged,
            rerun.Cleared,
            rerun.Skipped,
            rerun.MediaGone,
            [.. rerun.Heads.Select(head => new RerunHeadDocument(head.Head, head.From, head.To, Direction(head), head.Count))],
            rerun.Examples,
            rerun.CreatedOn,
            rerun.UpdatedOn,
            rerun.FinishedOn,
            rerun.Error);
    }

    private static string Direction(RerunHeadChange head) =>
        head.From == 0 ? "newly_flagged" : head.To == 0 ? "cleared" : head.To > head.From ? "raised" : "lowered";
}

/// <summary>How many tasks' verdict on <paramref name="Head"/> moves from <paramref name="From"/> to <paramref name="To"/>.</summary>
/// <param name="Head">The class (a head such as <c>violence</c>, <c>custom_blocklist</c>, or a visual class such as <c>yes_&lt;label&gt;</c>).</param>
/// <param name="From">The level before: a severity 0–3, or for a visual class 1 when its highest score was at least 0.5, else 0.</param>
/// <param name="To">The level after, the same way.</param>
/// <param name="Direction"><c>newly_flagged</c> (from 0), <c>cleared</c> (to 0), <c>raised</c> or <c>lowered</c>.</param>
/// <param name="Count">How many tasks.</param>
public sealed record RerunHeadDocument(string Head, int From, int To, string Direction, long Count);
