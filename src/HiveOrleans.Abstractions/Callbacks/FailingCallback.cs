namespace HiveOrleans.Abstractions.Callbacks;

/// <summary>A task whose callback has not been delivered yet and is waiting for its next attempt.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.FailingCallback")]
public sealed record FailingCallback
{
    /// <summary>The task.</summary>
    [Id(0)] public required Guid TaskId { get; init; }

    /// <summary>Where it is being sent.</summary>
    [Id(1)] public required string CallbackUrl { get; init; }

    /// <summary>Attempts so far.</summary>
    [Id(2)] public int Attempts { get; init; }

    /// <summary>The receiver's last HTTP status, if it answered.</summary>
    [Id(3)] public int? LastStatusCode { get; init; }

    /// <summary>The last error, when it did not.</summary>
    [Id(4)] public string? LastError { get; init; }

    /// <summary>When the last attempt was made.</summary>
    [Id(5)] public DateTimeOffset? LastAttemptOn { get; init; }

    /// <summary>When the next attempt is due.</summary>
    [Id(6)] public DateTimeOffset? NextAttemptOn { get; init; }
}
