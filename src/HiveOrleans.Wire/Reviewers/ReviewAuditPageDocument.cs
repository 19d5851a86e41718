namespace HiveOrleans.Wire.Reviewers;

/// <summary>A page of the review audit log: <c>{"entries", "next_after"}</c>.</summary>
/// <param name="Entries">Oldest first (by <c>seq</c>).</param>
/// <param name="NextAfter">The <c>after</c> that asks for the next page; null on the last page.</param>
public sealed record ReviewAuditPageDocument(IReadOnlyList<ReviewAuditEntryDocument> Entries, long? NextAfter);
