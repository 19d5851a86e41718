using System.Security.Cryptography;
using System.Text;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Tasks;
using Orleans.Storage;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Submission: the insert that acknowledges a task, a retried submission answered with what is stored, and a
/// resubmission that first closes the ids its gateway gave up on.
/// </summary>
internal sealed partial class TaskGrain
{
    private Task<TaskSnapshot>? _submitting;

    public Task<TaskSnapshot> SubmitAsync(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);

        // A retried call that arrives while the first is still writing gets the first one's answer; a later one (or one
        // after a failure) looks again.
        if (_submitting is { IsCompleted: false } inFlight)
        {
            return inFlight;
        }

        return _submitting = SubmitOnceAsync(submission);
    }

    public async Task<TaskSnapshot> SubmitAsync(TaskSubmission submission, TimeSpan maxWait)
    {
        var submitted = await SubmitAsync(submission);
        return submitted.IsFinished ? submitted : (await WaitForCompletionAsync(maxWait))!;
    }

    public async Task<TaskSnapshot> SubmitInsteadOfAsync(TaskSubmission submission, IReadOnlyList<Guid> abandonedIds, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(abandonedIds);
        foreach (var abandoned in abandonedIds)
        {
            if (await CloseAbandonedAsync(submission.ProjectId, abandoned) is { } storedAfterAll)
            {
                // The earlier attempt was stored after all: that is the task, and this id stays unused.
                DeactivateOnIdle();
                return storedAfterAll;
            }
        }

        return maxWait > TimeSpan.Zero ? await SubmitAsync(submission, maxWait) : await SubmitAsync(submission);
    }

    /// <summary>
    /// Writes an empty row under an abandoned attempt's id, which its own late insert then finds in its way. If the
    /// attempt's task is there already, returns it as stored (without a call to its grain, whose silo may be gone).
    /// </summary>
    private async Task<TaskSnapshot?> CloseAbandonedAsync(long projectId, Guid abandoned)
    {
        try
        {
            await store.WriteAsync(new TaskWrite(abandoned, projectId, null, null, TaskLedgerReason.Work, []));
            return null;
        }
        catch (TaskWriteConflictException)
        {
            var row = await store.ReadAsync(abandoned);
            return row is { IsAbandoned: false, State: { Length: > 0 } bytes } && serializer.Deserialize<TaskState>(bytes) is { Submission: not null } state
                ? state.ToSnapshot(abandoned)
                : null;
        }
    }

    private async Task<TaskSnapshot> SubmitOnceAsync(TaskSubmission submission)
    {
        // A fresh activation of a new task has nothing to read: the insert itself says whether the task exists, and
        // other calls wait for it instead of reading. Only where the old layout may hold tasks is it read first.
        var mayBeLegacy = await legacyStates.MayExistAsync();
        if (_loaded is null && !mayBeLegacy)
        {
            _loaded = InsertOrReadAsync(submission);
        }

        await LoadAsync();
        if (_abandoned)
        {
            // Only a submission attempt that its gateway gave up on and retried under another id gets here.
            DeactivateOnIdle();
            throw new InvalidOperationException($"Submission attempt {TaskId} was given up and retried under another id.");
        }

        if (!Exists)
        {
            await InsertAsync(submission);
        }

        return Snapshot();
    }

    private async Task InsertOrReadAsync(TaskSubmission submission)
    {
        try
        {
            await InsertAsync(submission);
        }
        catch (TaskWriteConflictException)
        {
            // The task exists (a retried submission on a new activation): what is stored is the answer.
            await ReadAsync();
        }
    }

    private async Task InsertAsync(TaskSubmission submission)
    {
        _state = new TaskState
        {
            Submission = submission,
            Phase = TaskPhase.Pending,
            InputHash = HashInput(submission),
            Charge = submission.Charge,
            Media = submission.Media,
        };
        try
        {
            await PersistAsync();
        }
        catch
        {
            // Nothing was acknowledged; forget the half-made task so a retry of this call starts clean.
            _state = new TaskState();
            throw;
        }

        // The answer describes what was stored; work starts right after.
        HiveMetrics.TasksSubmitted.Add(1, HiveMetrics.Project(submission.ProjectId), HiveMetrics.Model(submission.ModelType));
        Publish();
        EnsureWorking(recovering: false);
    }

    // MD5 is the content fingerprint Hive's contract names (input.hash), not a security measure.
#pragma warning disable CA5351
    internal static string HashInput(TaskSubmission submission) =>
        submission.Media?.Md5 ?? (submission.Url is null ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(submission.TextData ?? ""))) : "");
#pragma warning restore CA5351
}
