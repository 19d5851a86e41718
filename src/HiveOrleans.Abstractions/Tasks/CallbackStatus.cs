namespace HiveOrleans.Abstractions.Tasks;

/// <summary>How delivery of a task's callback stands.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.CallbackStatus")]
public sealed record CallbackStatus
{
    /// <summary>How many attempts a task keeps on record.</summary>
    public const int MaxHistory = 20;

    /// <summary>How many delivery attempts were made, across resends.</summary>
    [Id(0)] public int Attempts { get; init; }

    /// <summary>True once a receiver answered 2xx (in the current series).</summary>
    [Id(1)] public bool Succeeded { get; init; }

    /// <summary>The HTTP status of the last attempt, if the receiver answered at all.</summary>
    [Id(2)] public int? LastStatusCode { get; init; }

    /// <summary>The error of the last attempt when the receiver gave no usable answer.</summary>
    [Id(3)] public string? LastError { get; init; }

    /// <summary>When the last attempt was made.</summary>
    [Id(4)] public DateTimeOffset? LastAttemptOn { get; init; }

    /// <summary>When the next attempt is due, while delivery is still owed.</summary>
    [Id(5)] public DateTimeOffset? NextAttemptOn { get; init; }

    /// <summary>
    /// Why attempts stopped without success: <c>gone</c> (the receiver answered 410), <c>refused</c> (the outbound
    /// address policy refuses the destination; nothing was dialled) or <c>gave_up</c>.
    /// </summary>
    [Id(6)] public string? StoppedReason { get; init; }

    /// <summary>When the callback was last sent again on request.</summary>
    [Id(7)] public DateTimeOffset? ResentOn { get; init; }

    /// <summary>Who asked for the resend: <c>api</c> or <c>manual</c>.</summary>
    [Id(8)] public string? ResentBy { get; init; }

    /// <summary>When the current series of attempts began (completion, or the last resend); retries stop a while after it.</summary>
    [Id(9)] public DateTimeOffset? SeriesStartedOn { get; init; }

    /// <summary>The most recent attempts, oldest first (at most <see cref="MaxHistory"/>).</summary>
    [Id(10)] public IReadOnlyList<CallbackAttemptRecord> History { get; init; } = [];
}
