namespace HiveOrleans.Grains.Reviewers;

[GenerateSerializer, Alias("HiveOrleans.ReviewerDirectoryState")]
public sealed class ReviewerDirectoryState
{
    [Id(0)] public long LastReviewerId { get; set; }
}
