namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>
/// One signed-in session of the reviewer page, keyed by <see cref="ReviewerSessionKeys.GrainKey"/> (the SHA-256 of the
/// session id the cookie carries; the id itself is never stored). It holds which token signed in (by its hash), the
/// CSRF token and the expiry; the gateway resolves that token again on every request, so a disabled reviewer or a
/// rotated token ends the session at once.
/// </summary>
[Alias("HiveOrleans.IReviewerSessionGrain")]
public interface IReviewerSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session. A session id is 256 random bits, so one is never started twice.</summary>
    [Alias("Start")]
    Task StartAsync(ReviewerSession session);

    /// <summary>The session, or <c>null</c> when it never started, was ended, or has expired (its state is then cleared).</summary>
    [Alias("Get")]
    Task<ReviewerSession?> GetAsync();

    /// <summary>Ends the session for good: its state is cleared.</summary>
    [Alias("End")]
    Task EndAsync();
}
