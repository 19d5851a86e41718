namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>An operator request a reviewer cannot carry out as asked (an unknown reviewer, a bad value, an unknown project).</summary>
[GenerateSerializer, Alias("HiveOrleans.ReviewerRequestException")]
public sealed class ReviewerRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReviewerRequestException(string message, bool notFound = false)
        : base(message) => NotFound = notFound;

    /// <summary>Creates the exception.</summary>
    public ReviewerRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReviewerRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the reviewer does not exist.</summary>
    [Id(0)] public bool NotFound { get; init; }
}
