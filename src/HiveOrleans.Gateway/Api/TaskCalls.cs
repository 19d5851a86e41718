using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// The gateway's calls to task grains, tried again when the cluster gives no answer: the silo a call went to died
/// mid-call, its connection broke, or the call timed out while membership had not yet declared a dead silo dead. A
/// submission was not acknowledged and a read changes nothing, so a retry is safe, and the caller sees neither a 503
/// nor a 30 s hang for one lost silo.
/// </summary>
/// <remarks>
/// A retry goes under a new task id, which places it afresh on a live silo instead of waiting for the old id's silo
/// to be declared dead; the given-up ids travel with it, and the new grain closes each one in the store before
/// inserting, so a late first attempt cannot make a second task, and a first attempt that was stored after all is
/// the answer (<see cref="ITaskGrain.SubmitInsteadOfAsync"/>). A submission with an idempotency key keeps its id,
/// which the key already names.
/// </remarks>
internal sealed partial class TaskCalls(IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider time, ILogger<TaskCalls> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>Submits under <paramref name="taskId"/> (or, on retries, a new id) and returns the stored task.</summary>
    /// <param name="wait">For sync requests, how long the grain may wait for the task to finish within the call.</param>
    /// <param name="keepId">Retry under the same id (the submission's idempotency key names it).</param>
    public Task<TaskSnapshot> SubmitAsync(Guid taskId, TaskSubmission submission, TimeSpan? wait, bool keepId, CancellationToken aborted)
    {
        var abandoned = new List<Guid>();
        return RetryUnansweredAsync(
            () =>
            {
                var grain = grains.GetGrain<ITaskGrain>(taskId);
                return abandoned.Count > 0
                    ? grain.SubmitInsteadOfAsync(submission, [.. abandoned], wait ?? TimeSpan.Zero)
                    : wait is { } maxWait ? grain.SubmitAsync(submission, maxWait) : grain.SubmitAsync(submission);
            },
            () => taskId,
            () =>
            {
                if (!keepId)
                {
                    abandoned.Add(taskId);
                    taskId = Guid.CreateVersion7();
                }
            },
            wait ?? TimeSpan.Zero,
            aborted);
    }

    /// <summary>The task as it stands (<see cref="ITaskGrain.GetAsync"/>), asked again while the cluster does not answer.</summary>
    public Task<TaskSnapshot?> GetAsync(Guid taskId, CancellationToken aborted) =>
        RetryUnansweredAsync(() => grains.GetGrain<ITaskGrain>(taskId).GetAsync(), () => taskId, () => { }, TimeSpan.Zero, aborted);

    /// <summary>
    /// Makes <paramref name="call"/>, giving each attempt <see cref="GatewayOptions.SubmitAttemptTimeout"/> plus
    /// <paramref name="callsOwnWait"/>, and makes it again (after <paramref name="beforeRetry"/>) while the cluster does
    /// not answer, until <see cref="GatewayOptions.SubmitRetryFor"/> has passed.
    /// </summary>
    private async Task<T> RetryUnansweredAsync<T>(Func<Task<T>> call, Func<Guid> taskId, Action beforeRetry, TimeSpan callsOwnWait, CancellationToken aborted)
    {
        var settings = options.Value;
        var giveUpAt = time.GetUtcNow() + settings.SubmitRetryFor;
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(settings.SubmitAttemptTimeout + callsOwnWait, time, aborted);
            }
            catch (Exception ex) when (IsUnanswered(ex) && !aborted.IsCancellationRequested && time.GetUtcNow() + pause < giveUpAt)
            {
                LogRetrying(logger, taskId(), attempt, ex.GetType().Name, ex.Message);
                beforeRetry();
                await Task.Delay(pause, time, aborted);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
    }

    /// <summary>
    /// Waits for a sync task, calling again when its silo gave no answer: a task whose silo died is resumed on a
    /// survivor once membership says so, and the next call reaches it there.
    /// </summary>
    public async Task<TaskSnapshot?> WaitForCompletionAsync(Guid taskId, TimeSpan maxWait, CancellationToken aborted)
    {
        var settings = options.Value;
        try
        {
            return await grains.GetGrain<ITaskGrain>(taskId).WaitForCompletionAsync(maxWait).WaitAsync(maxWait + settings.SubmitAttemptTimeout, time, aborted);
        }
        catch (Exception ex) when (IsUnanswered(ex) && !aborted.IsCancellationRequested)
        {
            // The caller's own deadline bounds the calls; an unanswered one is simply "not finished yet".
            LogRetrying(logger, taskId, 1, ex.GetType().Name, ex.Message);
            await Task.Delay(FirstPause, time, aborted);
            return null;
        }
    }

    /// <summary>The cluster did not carry the call out, or did not say: a transport or membership failure, not the task's.</summary>
    internal static bool IsUnanswered(Exception ex) =>
        ex is TimeoutException or OrleansMessageRejectionException or ConnectionFailedException or SocketConnectionException or GatewayTooBusyException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {Attempt} to task {TaskId} got no answer from the cluster ({ExceptionType}: {Reason}); retrying")]
    private static partial void LogRetrying(ILogger logger, Guid taskId, int attempt, string exceptionType, string reason);
}
