using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Idempotency;

/// <remarks>
/// The claim is written before the task is submitted. If the submission then fails, a retry with the same key gets
/// the same task id and submits it again, which the task grain treats as the first submission: one task, never two.
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
internal sealed class IdempotencyGrain(
    [PersistentState(StorageNames.Idempotency, StorageNames.Provider)] IPersistentState<IdempotencyState> state,
    TimeProvider time) : Grain, IIdempotencyGrain
{
    public async Task<Guid> ClaimAsync(Guid proposedTaskId)
    {
        var now = time.GetUtcNow();
        if (state.RecordExists && now - state.State.ClaimedOn < IdempotencyKeys.Window)
        {
            return state.State.TaskId;
        }

        state.State = new IdempotencyState { TaskId = proposedTaskId, ClaimedOn = now };
        await state.WriteStateAsync();
        return proposedTaskId;
    }
}
