namespace HiveOrleans.Grains.Hosting;

/// <summary>
/// Runs a silo service's background round every interval, on the thread pool, from <see cref="Start"/> until
/// <see cref="StopAsync"/>. A round that fails is reported to <c>failed</c> and the next one tries again, so a store
/// that is briefly away never stops the loop. With <c>firstRoundAtStart</c> the first round runs at once rather than
/// one interval later (for work whose result is wanted from the start, such as a gauge's value).
/// </summary>
internal sealed class PeriodicWork(
    TimeSpan interval,
    TimeProvider time,
    Func<CancellationToken, Task> round,
    Action<Exception> failed,
    bool firstRoundAtStart = false) : IDisposable
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
            if (firstRoundAtStart)
            {
                await RunRoundAsync(stopping).ConfigureAwait(false);
            }

            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await RunRoundAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task RunRoundAsync(CancellationToken stopping)
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
