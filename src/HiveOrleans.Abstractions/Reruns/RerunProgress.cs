namespace HiveOrleans.Abstractions.Reruns;

/// <summary>A rerun as it stands: what was asked, how far it has come and the diff so far.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.RerunProgress")]
public sealed record RerunProgress
{
    /// <summary>The rerun.</summary>
    [Id(0)] public required Guid RerunId { get; init; }

    /// <summary>What was asked.</summary>
    [Id(1)] public required RerunSpec Spec { get; init; }

    /// <summary>One of <see cref="RerunStatuses"/>.</summary>
    [Id(2)] public required string Status { get; init; }

    /// <summary>When it was asked.</summary>
    [Id(3)] public DateTimeOffset CreatedOn { get; init; }

    /// <summary>Its last checkpoint.</summary>
    [Id(4)] public DateTimeOffset UpdatedOn { get; init; }

    /// <summary>When it completed, was cancelled or failed.</summary>
    [Id(5)] public DateTimeOffset? FinishedOn { get; init; }

    /// <summary>The window's upper bound as fixed when the rerun started.</summary>
    [Id(6)] public DateTimeOffset Until { get; init; }

    /// <summary>The project's configuration version the settings were merged over.</summary>
    [Id(7)] public int BaseConfigVersion { get; init; }

    /// <summary>
    /// How many tasks the rerun will look at (the window's, capped by the limit); null until the rerun has counted its
    /// window, which it does in the background first (and never, if it is cancelled before).
    /// </summary>
    [Id(8)] public long? Total { get; init; }

    /// <summary>How many it has looked at.</summary>
    [Id(9)] public long Done { get; init; }

    /// <summary>Tasks whose verdict (the highest severity per head) would change, or in apply mode did.</summary>
    [Id(10)] public long Changed { get; init; }

    /// <summary>Changed tasks that had no head above 0 and now have one.</summary>
    [Id(11)] public long NewlyFlagged { get; init; }

    /// <summary>Changed tasks that had a head above 0 and now have none.</summary>
    [Id(12)] public long Cleared { get; init; }

    /// <summary>Tasks skipped: not finished, failed, waiting for review, or with their media gone (<see cref="MediaGone"/>).</summary>
    [Id(13)] public long Skipped { get; init; }

    /// <summary>Per head and direction, how many tasks move, most first.</summary>
    [Id(14)] public IReadOnlyList<RerunHeadChange> Heads { get; init; } = [];

    /// <summary>A bounded list of changed task ids, oldest first.</summary>
    [Id(15)] public IReadOnlyList<Guid> Examples { get; init; } = [];

    /// <summary>Why the rerun failed, when it did.</summary>
    [Id(16)] public string? Error { get; init; }

    /// <summary>
    /// Of <see cref="Skipped"/>, the media tasks whose media the store no longer holds (its retention ran out), so
    /// there was nothing to run the models on again.
    /// </summary>
    [Id(17)] public long MediaGone { get; init; }
}
