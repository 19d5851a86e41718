namespace HiveOrleans.Abstractions.Tasks;

/// <summary>One callback attempt as the task records it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.CallbackAttemptRecord")]
public sealed record CallbackAttemptRecord
{
    /// <summary>The attempt's number, from 1, across resends.</summary>
    [Id(0)] public int Attempt { get; init; }

    /// <summary>When it was made.</summary>
    [Id(1)] public DateTimeOffset At { get; init; }

    /// <summary>The receiver's HTTP status, if it answered.</summary>
    [Id(2)] public int? StatusCode { get; init; }

    /// <summary>What went wrong when there was no usable answer (timeout, refused connection…).</summary>
    [Id(3)] public string? Error { get; init; }

    /// <summary>How long the attempt took.</summary>
    [Id(4)] public TimeSpan Duration { get; init; }
}
