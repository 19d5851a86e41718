using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Reruns;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// The task's decision history: its current result (in the row) and those a rerun replaced (in the history table,
/// written only then), plus a reviewer's decision (in the row). A rerun in apply mode writes its result here.
/// </summary>
internal sealed partial class TaskGrain
{
    public async Task<IReadOnlyList<TaskHistoryEntry>?> GetHistoryAsync()
    {
        await LoadAsync();
        if (!Exists)
        {
            return null;
        }

        var entries = new List<TaskHistoryEntry>();
        foreach (var record in await history.ReadAsync(TaskId))
        {
            if (serializer.Deserialize<TaskHistoryEntry>(new BinaryData(record.Entry)) is { } entry)
            {
                entries.Add(entry);
            }
        }

        if (CurrentModelEntry() is { } current)
        {
            entries.Add(current with { Current = true });
        }

        if (_state.Review is { } review)
        {
            entries.Add(new TaskHistoryEntry
            {
                Trigger = HistoryTriggers.Review,
                RecordedOn = review.DecidedOn,
                ConfigVersion = _state.Submission!.ConfigVersion,
                Review = review,
            });
        }

        return [.. entries.OrderBy(entry => entry.RecordedOn)];
    }

    public async Task<ModerationOutput?> ApplyResultAsync(AppliedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        await LoadAsync();
        if (!Exists || _state.Phase != TaskPhase.Succeeded || _state.Output is null)
        {
            return null;
        }

        if (_state.ResultTrigger == result.Trigger)
        {
            // Redone after a crash between this write and the rerun's checkpoint: the replaced result is on record.
            var replaced = (await history.ReadAsync(TaskId)).FirstOrDefault(record => record.SupersededBy == result.Trigger);
            return replaced is null ? null : serializer.Deserialize<TaskHistoryEntry>(new BinaryData(replaced.Entry))?.Output;
        }

        // The replaced result goes on record first: a crash between the two writes leaves it recorded twice at worst
        // (the history key keeps one), never lost.
        var previous = CurrentModelEntry()!;
        await history.AppendAsync(new HistoryRecord(TaskId, result.Trigger, previous.RecordedOn, serializer.Serialize(previous).ToArray()));

        var now = time.GetUtcNow();
        var old = _state.Output;
        _state.Output = result.Output;
        _state.ResultTrigger = result.Trigger;
        _state.ResultConfigVersion = result.ConfigVersion;
        _state.ResultOn = now;
        _state.FromCache = false;
        var resend = result.SendCallback && _state.Submission is { Mode: TaskMode.Async, CallbackUrl: not null };
        if (resend)
        {
            _state.Callback = (_state.Callback ?? new CallbackStatus()) with
            {
                Succeeded = false,
                StoppedReason = null,
                NextAttemptOn = null,
                SeriesStartedOn = now,
            };
        }

        await PersistAsync();
        if (resend)
        {
            EnsureWorking(recovering: false);
        }

        return old;
    }

    /// <summary>The model run the task shows now, or null when it has none (unfinished or failed).</summary>
    private TaskHistoryEntry? CurrentModelEntry() => _state.Output is not { } output
        ? null
        : new TaskHistoryEntry
        {
            Trigger = _state.ResultTrigger ?? HistoryTriggers.Submission,
            RecordedOn = _state.ResultOn ?? _state.ReviewSince ?? _state.CompletedOn ?? _state.Submission!.SubmittedOn,
            ConfigVersion = _state.ResultConfigVersion ?? _state.Submission!.ConfigVersion,
            ModelVersion = output.ModelVersion,
            Output = output,
        };
}
