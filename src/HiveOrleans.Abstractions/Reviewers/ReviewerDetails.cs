namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>A reviewer as the operator API shows it; never the token.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerDetails")]
public sealed record ReviewerDetails
{
    /// <summary>The reviewer id.</summary>
    [Id(0)] public required long ReviewerId { get; init; }

    /// <summary>The display name.</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary>The projects the reviewer works on, in id order.</summary>
    [Id(2)] public required IReadOnlyList<long> Projects { get; init; }

    /// <summary>The reviewer's roles, in the order of <see cref="ReviewerRoles.All"/>.</summary>
    [Id(3)] public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>A disabled reviewer's token resolves to nothing and they hold no leases.</summary>
    [Id(4)] public required bool Disabled { get; init; }

    /// <summary>When the reviewer was created.</summary>
    [Id(5)] public required DateTimeOffset CreatedOn { get; init; }

    /// <summary>When the reviewer last changed (name, projects, roles, token or disabled).</summary>
    [Id(6)] public required DateTimeOffset UpdatedOn { get; init; }
}
