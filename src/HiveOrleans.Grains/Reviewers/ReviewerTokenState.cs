namespace HiveOrleans.Grains.Reviewers;

[GenerateSerializer, Alias("HiveOrleans.ReviewerTokenState")]
public sealed class ReviewerTokenState
{
    [Id(0)] public long? ReviewerId { get; set; }

    [Id(1)] public bool Revoked { get; set; }
}
