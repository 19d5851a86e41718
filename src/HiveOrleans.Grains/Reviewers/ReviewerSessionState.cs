using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Grains.Reviewers;

[GenerateSerializer, Alias("HiveOrleans.ReviewerSessionState")]
public sealed class ReviewerSessionState
{
    /// <summary>Null until started, and again once ended.</summary>
    [Id(0)] public ReviewerSession? Session { get; set; }
}
