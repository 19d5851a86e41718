namespace HiveOrleans.Abstractions.Tasks;

/// <summary>How delivery of a task's callback stands.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.CallbackStatus")]
public sealed record CallbackStatus
{
    /// <summary>How many delivery attempts were made.</summary>
    [Id(0)] public int Attempts { get; init; }

    /// <summary>True once a receiver answered 2xx.</summary>
    [Id(1)] public bool Succeeded { get; init; }

    /// <summary>The HTTP status of the last attempt, if the receiver answered at all.</summary>
    [Id(2)] public int? LastStatusCode { get; init; }

    /// <summary>The error of the last attempt when the receiver gave no usable answer.</summary>
    [Id(3)] public string? LastError { get; init; }

    /// <summary>When the last attempt was made.</summary>
    [Id(4)] public DateTimeOffset? LastAttemptOn { get; init; }

    /// <summary>When the next attempt is due, while delivery is still owed.</summary>
    [Id(5)] public DateTimeOffset? NextAttemptOn { get; init; }
}
