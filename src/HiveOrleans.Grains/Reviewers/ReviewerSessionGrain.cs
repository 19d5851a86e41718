using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Reviewers;

/// <remarks>
/// Persisted, so a session outlives the silo that holds it and is seen by every gateway. An expired or ended session
/// clears its row, and a lookup that finds nothing deactivates at once, so guessed ids leave no activations behind.
/// </remarks>
internal sealed class ReviewerSessionGrain(
    [PersistentState(StorageNames.ReviewerSession, StorageNames.Provider)] IPersistentState<ReviewerSessionState> state,
    TimeProvider time) : Grain, IReviewerSessionGrain
{
    public async Task StartAsync(ReviewerSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        state.State.Session = session;
        await state.WriteStateAsync();
    }

    public async Task<ReviewerSession?> GetAsync()
    {
        if (state.State.Session is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (session.ExpiresOn <= time.GetUtcNow())
        {
            await EndAsync();
            return null;
        }

        return session;
    }

    public async Task EndAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new ReviewerSessionState();
        DeactivateOnIdle();
    }
}
