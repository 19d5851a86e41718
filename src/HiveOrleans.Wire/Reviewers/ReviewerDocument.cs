using System.Text.Json.Serialization;
using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>
/// The operator API's Reviewer object. The answer to creating a reviewer also carries the sign-in token, shown that
/// once; no other answer does.
/// </summary>
/// <param name="ReviewerId">The reviewer id.</param>
/// <param name="Name">A display name.</param>
/// <param name="Projects">The projects whose review queues the reviewer works on, in id order.</param>
/// <param name="Roles"><c>reviewer</c> and/or <c>senior</c>.</param>
/// <param name="Disabled">A disabled reviewer cannot sign in and holds no review leases.</param>
/// <param name="CreatedOn">When the reviewer was created.</param>
/// <param name="UpdatedOn">When the reviewer last changed.</param>
/// <param name="Token">Only in the answer to creation: the token in plain text. Absent otherwise.</param>
public sealed record ReviewerDocument(
    long ReviewerId,
    string Name,
    IReadOnlyList<long> Projects,
    IReadOnlyList<string> Roles,
    bool Disabled,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token = null)
{
    /// <summary>The document for a reviewer as they stand.</summary>
    public static ReviewerDocument From(ReviewerDetails reviewer)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        return new(reviewer.ReviewerId, reviewer.Name, reviewer.Projects, reviewer.Roles, reviewer.Disabled, reviewer.CreatedOn, reviewer.UpdatedOn);
    }

    /// <summary>The answer to creating a reviewer: the reviewer and their token.</summary>
    public static ReviewerDocument From(ReviewerCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return From(created.Reviewer) with { Token = created.Token };
    }
}
