namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>A new reviewer as the operator defines it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerSpec")]
public sealed record ReviewerSpec
{
    /// <summary>A display name, 1–200 characters.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The projects whose queues the reviewer works on; each must exist.</summary>
    [Id(1)] public required IReadOnlyList<long> Projects { get; init; }

    /// <summary>At least one of <see cref="ReviewerRoles.All"/>.</summary>
    [Id(2)] public required IReadOnlyList<string> Roles { get; init; }
}
