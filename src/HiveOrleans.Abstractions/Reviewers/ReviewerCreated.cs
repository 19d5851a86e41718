namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>A new reviewer and their sign-in token, which is shown exactly once.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerCreated")]
public sealed record ReviewerCreated
{
    /// <summary>The new reviewer.</summary>
    [Id(0)] public required ReviewerDetails Reviewer { get; init; }

    /// <summary>The token in plain text.</summary>
    [Id(1)] public required string Token { get; init; }
}
