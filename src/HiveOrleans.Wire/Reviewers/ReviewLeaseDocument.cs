namespace HiveOrleans.Wire.Reviewers;

/// <summary>The answer to renewing a review lease.</summary>
/// <param name="LeaseExpiresOn">When the lease now runs out unless renewed again.</param>
public sealed record ReviewLeaseDocument(DateTimeOffset LeaseExpiresOn);
