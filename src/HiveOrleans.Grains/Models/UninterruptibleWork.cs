using System.Diagnostics;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// Runs work that cannot be interrupted (Skia's image decoders take no cancellation) under a deadline. Past the
/// deadline the caller gets a <see cref="TimeoutException"/>, but only once the work has really ended: the model's
/// concurrency slot is held until then, so giving up on a slow decode never lets more decodes run than the bound.
/// </summary>
internal static class UninterruptibleWork
{
    public static async Task<T> RunAsync<T>(Func<T> work, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var started = Stopwatch.GetTimestamp();
        var ended = 0L;
        var running = Task.Run(
            () =>
            {
                try
                {
                    return work();
                }
                finally
                {
                    Volatile.Write(ref ended, Stopwatch.GetTimestamp());
                }
            },
            CancellationToken.None);
        try
        {
            var result = await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

            // The deadline is the clock's, not the timer's: on a starved thread pool the timer can fire after late
            // work has ended, and late work is a timeout all the same.
            return Stopwatch.GetElapsedTime(started, Volatile.Read(ref ended)) <= timeout
                ? result
                : throw new TimeoutException($"The work ended past its deadline of {timeout.TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !running.IsCompleted)
        {
            // Wait it out, whatever it ends with: its result is no longer wanted, only its end.
            await ((Task)running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
    }
}
