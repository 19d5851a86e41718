using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>Every reviewer, in id order (<c>GET /admin/v1/reviewers</c>); no tokens.</summary>
/// <param name="Reviewers">The reviewers.</param>
public sealed record ReviewerListDocument(IReadOnlyList<ReviewerDocument> Reviewers)
{
    /// <summary>The list of <paramref name="reviewers"/>.</summary>
    public static ReviewerListDocument From(IEnumerable<ReviewerDetails> reviewers)
    {
        ArgumentNullException.ThrowIfNull(reviewers);
        return new([.. reviewers.Select(ReviewerDocument.From)]);
    }
}
