namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>What a reviewer may do: <c>reviewer</c> decides the main queue; <c>senior</c> also the escalated queue.</summary>
public static class ReviewerRoles
{
    /// <summary>Decides tasks in the main queue.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Decides escalated tasks.</summary>
    public const string Senior = "senior";

    /// <summary>Every role, in the order answers list them.</summary>
    public static readonly IReadOnlyList<string> All = [Reviewer, Senior];
}
