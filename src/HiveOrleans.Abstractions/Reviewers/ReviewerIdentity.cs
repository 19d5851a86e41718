namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>Who a live reviewer token signs in as: what the reviewer API needs to authorise a request.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerIdentity")]
public sealed record ReviewerIdentity
{
    /// <summary>The reviewer id (the holder of the review leases they take).</summary>
    [Id(0)] public required long ReviewerId { get; init; }

    /// <summary>The projects the reviewer works on, in id order.</summary>
    [Id(1)] public required IReadOnlyList<long> Projects { get; init; }

    /// <summary>The reviewer's roles.</summary>
    [Id(2)] public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Whether the reviewer has the senior role, which sees the escalated queues.</summary>
    public bool IsSenior => Roles.Contains(ReviewerRoles.Senior);

    /// <summary>Whether the reviewer may work <paramref name="queue"/> of <paramref name="projectId"/>: their project, and escalated only for a senior.</summary>
    public bool Works(long projectId, string queue) =>
        Projects.Contains(projectId) && (queue == Tasks.ReviewDecisions.MainQueue || IsSenior);
}
