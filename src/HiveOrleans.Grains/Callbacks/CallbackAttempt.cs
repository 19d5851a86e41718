namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// The outcome of one callback attempt. <see cref="Deferred"/> means no request was sent because the destination
/// already had as many callbacks in flight as it may; that is not an attempt and costs the task nothing.
/// </summary>
public sealed record CallbackAttempt(bool Succeeded, int? StatusCode, string? Error, TimeSpan Duration, bool Deferred = false)
{
    /// <summary>The receiver said the resource is gone: no more attempts.</summary>
    public bool Gone => StatusCode == 410;
}
