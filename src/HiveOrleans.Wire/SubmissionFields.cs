using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>The fields of a task submission, whichever content type carried them.</summary>
public sealed record SubmissionFields
{
    public string? TextData { get; init; }

    public string? Url { get; init; }

    /// <summary>The uploaded file, already in the media store.</summary>
    public TaskMedia? Media { get; init; }

    public string? CallbackUrl { get; init; }

    public string? Metadata { get; init; }

    /// <summary>The caller's key for safe retries: the same key from the same project within 24 h gets the first task.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>True when a JSON body gave metadata as an object, array, number or boolean: it is echoed back as such.</summary>
    public bool MetadataIsJson { get; init; }
}
