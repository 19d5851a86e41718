namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// The outcome of one callback attempt. <see cref="Deferred"/> means no request was sent because the destination
/// already had as many callbacks in flight as it may; <see cref="Held"/>, because the destination is failing and
/// waits for a probe (<see cref="DestinationHealth"/>). Neither is an attempt, and neither costs the task one.
/// <see cref="Refused"/> is an attempt that failed without being dialled: the outbound address policy refuses the
/// destination, so no retry can succeed until the operator changes it.
/// </summary>
public sealed record CallbackAttempt(bool Succeeded, int? StatusCode, string? Error, TimeSpan Duration, bool Deferred = false, bool Held = false, bool Refused = false)
{
    /// <summary>The receiver said the resource is gone: no more attempts.</summary>
    public bool Gone => StatusCode == 410;
}
