namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>A change to a reviewer: each field that is not null replaces the stored one.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerChanges")]
public sealed record ReviewerChanges
{
    /// <summary>A new display name.</summary>
    [Id(0)] public string? Name { get; init; }

    /// <summary>The new list of projects (replaces the whole list).</summary>
    [Id(1)] public IReadOnlyList<long>? Projects { get; init; }

    /// <summary>The new roles (replaces them all).</summary>
    [Id(2)] public IReadOnlyList<string>? Roles { get; init; }
}
