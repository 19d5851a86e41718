namespace HiveOrleans.Abstractions.Idempotency;

/// <summary>
/// Remembers which task an <c>idempotency_key</c> made, per project, for 24 hours. Keyed by
/// <see cref="IdempotencyKeys.GrainKey"/> (<c>idem-N-&lt;sha256 of the key&gt;</c>), so each key is its own grain.
/// </summary>
[Alias("HiveOrleans.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// The task id this key stands for: the one recorded within the last 24 hours, or else
    /// <paramref name="proposedTaskId"/>, which is recorded (durably) before it is returned.
    /// </summary>
    [Alias("Claim")]
    Task<Guid> ClaimAsync(Guid proposedTaskId);
}
