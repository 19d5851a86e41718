using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Api;

/// <summary>One item of a batch as read: its fields, or why it could not be read (that item's error only).</summary>
internal readonly record struct BatchItem(SubmissionFields? Fields, ApiException? Error)
{
    public static BatchItem Of(SubmissionFields fields) => new(fields, null);

    public static BatchItem Unreadable(ApiException error) => new(null, error);
}
