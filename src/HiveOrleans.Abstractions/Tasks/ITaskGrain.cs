namespace HiveOrleans.Abstractions.Tasks;

/// <summary>
/// One submitted item of content, from submission through processing and callback to completion.
/// Keyed by the task id (a GUID chosen by the gateway).
/// </summary>
[Alias("HiveOrleans.ITaskGrain")]
public interface ITaskGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Stores the submission durably and starts processing. Returns only after the state is written,
    /// so an acknowledgement built from the answer never names a task that could be lost.
    /// Calling it again for a task that already exists returns the task as it stands and changes nothing.
    /// </summary>
    [Alias("Submit")]
    Task<TaskSnapshot> SubmitAsync(TaskSubmission submission);

    /// <summary>
    /// <see cref="SubmitAsync(TaskSubmission)"/>, then <see cref="WaitForCompletionAsync"/> for at most
    /// <paramref name="maxWait"/> in the same call: what a sync request needs, in one round trip.
    /// </summary>
    [Alias("SubmitAndWait")]
    Task<TaskSnapshot> SubmitAsync(TaskSubmission submission, TimeSpan maxWait);

    /// <summary>
    /// A retry of a submission whose earlier attempts, under <paramref name="abandonedIds"/>, got no answer (their silo
    /// died, or they timed out). Each of those ids is closed first, so a late attempt can no longer create its task;
    /// if one of them was stored after all, that task is the answer and nothing new is made. Otherwise as
    /// <see cref="SubmitAsync(TaskSubmission, TimeSpan)"/> (<paramref name="maxWait"/> zero: do not wait). Either way
    /// the caller sees one task for one submission.
    /// </summary>
    [Alias("SubmitRetry")]
    Task<TaskSnapshot> SubmitInsteadOfAsync(TaskSubmission submission, IReadOnlyList<Guid> abandonedIds, TimeSpan maxWait);

    /// <summary>The task as it stands now, or <c>null</c> when no task with this id was ever submitted.</summary>
    [Alias("Get")]
    Task<TaskSnapshot?> GetAsync();

    /// <summary>
    /// Waits until the task is finished or <paramref name="maxWait"/> has passed, then returns the task as it stands
    /// (or <c>null</c> when it does not exist). Callers that must wait longer call it again, which keeps every
    /// single grain call short.
    /// </summary>
    [Alias("WaitForCompletion")]
    Task<TaskSnapshot?> WaitForCompletionAsync(TimeSpan maxWait);

    /// <summary>
    /// The durable wake-up: makes sure an unfinished task is being worked on (processing, or delivering its callback).
    /// Idempotent; called by the sweeper after a crash or when a retry falls due.
    /// </summary>
    [Alias("Resume")]
    Task ResumeAsync();

    /// <summary>
    /// Makes the task's owed callback its destination's probe: the next attempt is sent now, though the destination is
    /// held as failing and whether or not the task's own retry is due. Returns false, and does nothing, when no callback
    /// is owed.
    /// </summary>
    [Alias("ProbeCallback")]
    Task<bool> ProbeCallbackAsync();

    /// <summary>
    /// Sends the finished task's callback again, as a new series of attempts; the payload carries <c>resent_on</c> and
    /// <paramref name="resentBy"/> (<c>api</c> or <c>manual</c>). Throws <see cref="TaskRequestException"/> when the
    /// task has no callback URL or is not finished; returns <c>null</c> when there is no such task.
    /// </summary>
    [Alias("Resend")]
    Task<TaskSnapshot?> ResendCallbackAsync(string resentBy);

    /// <summary>
    /// Sends <paramref name="observer"/> every status change from now on, in order, for
    /// <see cref="TaskObservation.SubscriptionLifetime"/>; call again before then to stay subscribed. A task may be
    /// observed before it is submitted. Returns the task's status now, or <c>null</c> when it does not exist yet.
    /// Subscriptions live in the task's activation: if it moves (its silo died), subscribe again, which is why
    /// watchers renew periodically and read the current status from the answer.
    /// </summary>
    [Alias("Subscribe")]
    Task<TaskEvent?> SubscribeAsync(ITaskObserver observer);

    /// <summary>Stops sending events to <paramref name="observer"/>.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ITaskObserver observer);

    /// <summary>
    /// <paramref name="reviewer"/>'s decision on the task they hold (docs/review.md): taken only while their lease
    /// holds. Approve and reject finish the task (its callback follows); escalate moves it to the project's escalated
    /// queue and ends the lease. A task in none of the reviewer's queues is <see cref="ReviewOutcome.NotInReview"/>,
    /// whatever it is. Throws <see cref="ArgumentException"/> for a decision not valid as given (unknown kind, a
    /// rejection without labels or reason, labels not the project's, escalating an escalated task).
    /// </summary>
    [Alias("Decide")]
    Task<TaskDecisionResult> DecideAsync(Reviewers.ReviewerIdentity reviewer, ReviewDecision decision);

    /// <summary>
    /// The task's decisions, oldest first: each model run (the submission's, each rerun applied to it) and a reviewer's
    /// decision, the last model run marked current. Null for an unknown task.
    /// </summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<TaskHistoryEntry>?> GetHistoryAsync();

    /// <summary>
    /// Writes <paramref name="result"/> as the finished task's result, keeping the one it replaces in the task's history.
    /// Returns the replaced output, or null when there was none to replace (an unknown, unfinished or failed task; a
    /// task waiting for review). Idempotent: a task that already carries a result of the same trigger returns the
    /// output that one replaced and changes nothing.
    /// </summary>
    [Alias("ApplyResult")]
    Task<ModerationOutput?> ApplyResultAsync(AppliedResult result);
}
