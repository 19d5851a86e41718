namespace HiveOrleans.Grains.Hosting;

/// <summary>
/// Runs a silo service's background round every interval, on the thread pool, from <see cref="Start"/> until
/// <see cref="StopAsync"/>. A round that fails is reported to <c>failed</c> and the next one tries again, so a store
/// that is briefly away never stops the loop.
/// </summary>
internal sealed class PeriodicWork(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> round, Action<Exception> failed) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await round(stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    failed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }
}
