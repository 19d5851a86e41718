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
        var running = Task.Run(work, CancellationToken.None);
        try
        {
            return await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !running.IsCompleted)
        {
            // Wait it out, whatever it ends with: its result is no longer wanted, only its end.
            await ((Task)running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
    }
}
