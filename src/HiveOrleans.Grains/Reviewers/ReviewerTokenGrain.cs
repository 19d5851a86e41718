using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Reviewers;

/// <remarks>
/// Found by the token's hash, as API keys are, so a lookup never compares secrets. The answer comes from the reviewer
/// grain, which checks that this is still the reviewer's current token and that the reviewer is enabled: a rotation or
/// a disable is in force at once, even if revoking this grain was cut short.
/// </remarks>
internal sealed class ReviewerTokenGrain(
    [PersistentState(StorageNames.ReviewerToken, StorageNames.Provider)] IPersistentState<ReviewerTokenState> state)
    : Grain, IReviewerTokenGrain
{
    public async Task RegisterAsync(long reviewerId)
    {
        if (state.State.ReviewerId is { } existing && existing != reviewerId)
        {
            // 256-bit tokens do not collide; this would be a bug, and moving a token between reviewers would hand over their work.
            throw new InvalidOperationException("This reviewer token already belongs to another reviewer.");
        }

        state.State = new ReviewerTokenState { ReviewerId = reviewerId };
        await state.WriteStateAsync();
    }

    public async Task<ReviewerIdentity?> ResolveAsync()
    {
        if (state.State.ReviewerId is not { } reviewerId || state.State.Revoked)
        {
            // A guessed or dead token: nothing to keep in memory, so a flood of guesses leaves no activations behind.
            DeactivateOnIdle();
            return null;
        }

        var tokenHash = this.GetPrimaryKeyString()[ReviewerKeys.TokenGrainPrefix.Length..];
        return await GrainFactory.GetGrain<IReviewerGrain>(ReviewerKeys.GrainKey(reviewerId)).GetIdentityAsync(tokenHash);
    }

    public async Task RevokeAsync()
    {
        if (!state.State.Revoked)
        {
            state.State.Revoked = true;
            await state.WriteStateAsync();
        }
    }
}
