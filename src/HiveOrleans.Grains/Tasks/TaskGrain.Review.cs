using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Tasks;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Manual review (docs/review.md): after the model, a manual-review project's task goes to its project's review queue
/// when its rules say so, waits there with no activation and no work, and finishes when a reviewer who holds its lease
/// decides, or with the model's answer when its review time runs out.
/// </summary>
internal sealed partial class TaskGrain
{
    /// <summary>When the review's time runs out; null when it has no limit (or the task is not in review).</summary>
    private DateTimeOffset? ReviewDeadline =>
        _state.ReviewSince is { } since && _state.Submission?.Review?.Timeout is { } timeout ? since + timeout : null;

    private bool ReviewTimedOut => AwaitsReview && ReviewDeadline <= time.GetUtcNow();

    /// <summary>
    /// One decision at a time: the grain is reentrant, and a second decision (a double click) read between the first's
    /// check and its write would otherwise change the state the first is publishing.
    /// </summary>
    private readonly SemaphoreSlim _deciding = new(1, 1);

    public async Task<TaskDecisionResult> DecideAsync(ReviewerIdentity reviewer, ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(decision);
        await _deciding.WaitAsync();
        try
        {
            return await DecideOnceAsync(reviewer, decision);
        }
        finally
        {
            _deciding.Release();
        }
    }

    private async Task<TaskDecisionResult> DecideOnceAsync(ReviewerIdentity reviewer, ReviewDecision decision)
    {
        await LoadAsync();
        if (!Exists || _abandoned || !reviewer.Projects.Contains(_state.Submission!.ProjectId))
        {
            // Another project's task is as good as none: the reviewer learns nothing about it.
            return TaskDecisionResult.Refused(ReviewOutcome.NotInReview);
        }

        if (!AwaitsReview)
        {
            return TaskDecisionResult.Refused(_state.Review is null ? ReviewOutcome.NotInReview : ReviewOutcome.AlreadyDecided);
        }

        var queue = _state.ReviewQueue!;
        var since = _state.ReviewSince!.Value;
        if (!reviewer.Works(_state.Submission.ProjectId, queue))
        {
            return TaskDecisionResult.Refused(ReviewOutcome.NotInReview);
        }

        // The lease is checked by the write itself (it names the lease), not read first: one statement per decision,
        // and the queue's row is read only to say why a write was refused.
        CheckDecision(decision, _state.Submission.Review!, queue);
        var now = time.GetUtcNow();
        var before = serializer.Serialize(_state).ToArray();
        if (decision.Decision == ReviewDecisions.Escalate)
        {
            _state.ReviewQueue = ReviewDecisions.EscalatedQueue;
        }
        else
        {
            _state.Review = new TaskReview(decision.Decision, decision.Labels, decision.Reason, reviewer.ReviewerId, now, queue);
            _state.ReviewQueue = null;
            _state.Phase = TaskPhase.Succeeded;
            _state.CompletedOn = now;
        }

        try
        {
            await PersistAsync(decision.Lease);
        }
        catch (TaskWriteConflictException)
        {
            // The lease ran out (or was taken) between the read and the write: nothing was written.
            _state = serializer.Deserialize<TaskState>(new BinaryData(before))!;
            var leased = (await reviewQueues.ReadAsync(TaskId))?.IsLeasedAt(time.GetUtcNow()) == true;
            return TaskDecisionResult.Refused(leased ? ReviewOutcome.HeldByAnother : ReviewOutcome.LeaseExpired);
        }

        Publish();
        if (IsFinished)
        {
            await AfterFinishAsync();
            EnsureWorking(recovering: false);
        }

        return new TaskDecisionResult(ReviewOutcome.Taken, queue, since, Snapshot());
    }

    /// <summary>
    /// A decision names one of the three kinds, and escalates only from the main queue; a rejection names one or more
    /// of the project's review labels and a reason. What breaks that is the caller's mistake, refused before anything
    /// is written.
    /// </summary>
    private static void CheckDecision(ReviewDecision decision, ReviewRouting routing, string queue)
    {
        if (decision.Decision is not (ReviewDecisions.Approve or ReviewDecisions.Reject or ReviewDecisions.Escalate))
        {
            throw new ArgumentException($"'decision' must be '{ReviewDecisions.Approve}', '{ReviewDecisions.Reject}' or '{ReviewDecisions.Escalate}'.", nameof(decision));
        }

        if (decision.Decision == ReviewDecisions.Escalate && queue == ReviewDecisions.EscalatedQueue)
        {
            throw new ArgumentException("The task is in the escalated queue already: approve or reject it.", nameof(decision));
        }

        if (decision.Decision != ReviewDecisions.Reject)
        {
            return;
        }

        if (decision.Labels.Count == 0 || string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new ArgumentException("A rejection names at least one label and a reason.", nameof(decision));
        }

        if (routing.Labels.Count > 0 && decision.Labels.FirstOrDefault(label => !routing.Labels.Contains(label)) is { } unknown)
        {
            throw new ArgumentException($"'{unknown}' is not one of the project's review labels: {string.Join(", ", routing.Labels)}.", nameof(decision));
        }
    }

    /// <summary>Finishes the task with <paramref name="output"/>, or sends it to review when its project's rules say so.</summary>
    private async Task FinishOrReviewAsync(TaskSubmission submission, ModerationOutput output)
    {
        if (submission.Review is not { } routing || !routing.Sends(output, Random.Shared.NextDouble()))
        {
            await FinishAsync(output, null, null);
            return;
        }

        _state.Output = output;
        _state.Phase = TaskPhase.AwaitingReview;
        _state.ReviewQueue = ReviewDecisions.MainQueue;
        _state.ReviewSince = time.GetUtcNow();
        await PersistDurablyAsync();
        Publish();
    }

    /// <summary>
    /// The review's time ran out with no decision: the model's answer stands. The audit entry is appended first: if
    /// it fails, nothing is written and the sweeper wakes the task again; if the write fails after it, the retry
    /// appends a second entry, which is better than an audit log missing a time-out.
    /// </summary>
    private async Task TimeOutReviewAsync()
    {
        var now = time.GetUtcNow();
        await reviewAudit.AppendAsync(new ReviewAuditEntry(
            now, ReviewAuditActions.TimeOut, _state.Submission!.ProjectId, TaskId, _state.ReviewQueue!, ReviewerId: null, Lease: null, Detail: null));
        _state.Review = new TaskReview(ReviewDecisions.TimedOut, [], null, null, now, _state.ReviewQueue!);
        _state.ReviewQueue = null;
        _state.Phase = TaskPhase.Succeeded;
        _state.CompletedOn = now;
        await PersistDurablyAsync();
        await AfterFinishAsync();
    }
}
