using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Reviewers;

internal sealed class ReviewerDirectoryGrain(
    [PersistentState(StorageNames.ReviewerDirectory, StorageNames.Provider)] IPersistentState<ReviewerDirectoryState> state)
    : Grain, IReviewerDirectoryGrain
{
    public async Task<long> AllocateReviewerIdAsync()
    {
        // Written before it is handed out, so a crash can skip an id but never give one out twice.
        state.State.LastReviewerId++;
        await state.WriteStateAsync();
        return state.State.LastReviewerId;
    }

    public Task<long> GetLastReviewerIdAsync() => Task.FromResult(state.State.LastReviewerId);
}
