using HiveOrleans.Abstractions.Callbacks;

namespace HiveOrleans.Wire.Callbacks;

/// <summary>One task in <see cref="FailingCallbacksDocument"/>: a callback not delivered yet, waiting for its next attempt.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="CallbackUrl">Where it is being sent.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status; null when it gave no answer.</param>
/// <param name="LastError">The last error when the receiver gave no answer; null otherwise.</param>
/// <param name="LastAttemptOn">When the last attempt was made.</param>
/// <param name="NextAttemptOn">When the next attempt is due.</param>
public sealed record FailingCallbackDocument(
    Guid TaskId,
    string CallbackUrl,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? LastAttemptOn,
    DateTimeOffset? NextAttemptOn)
{
    /// <summary>The entry for <paramref name="failing"/>.</summary>
    public static FailingCallbackDocument From(FailingCallback failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        return new(failing.TaskId, failing.CallbackUrl, failing.Attempts, failing.LastStatusCode, failing.LastError, failing.LastAttemptOn, failing.NextAttemptOn);
    }
}
