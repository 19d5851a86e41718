namespace HiveOrleans.Grains.Reviewers;

[GenerateSerializer, Alias("HiveOrleans.ReviewerState")]
public sealed class ReviewerState
{
    /// <summary>Null until the reviewer is created.</summary>
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public List<long> Projects { get; set; } = [];

    [Id(2)] public List<string> Roles { get; set; } = [];

    [Id(3)] public bool Disabled { get; set; }

    /// <summary>Lowercase hex SHA-256 of the current token; the token itself is never stored.</summary>
    [Id(4)] public string? TokenHash { get; set; }

    [Id(5)] public DateTimeOffset CreatedOn { get; set; }

    [Id(6)] public DateTimeOffset UpdatedOn { get; set; }
}
