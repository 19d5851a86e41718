namespace HiveOrleans.Gateway.Quotas;

/// <summary>Sends usage and expired admissions to the quota grains every second, and once more on the way down.</summary>
internal sealed partial class QuotaUsageFlusher(QuotaLimiter limiter, ILogger<QuotaUsageFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        try
        {
            await limiter.FlushAsync();
        }
        catch (Exception ex)
        {
            // The counts stay queued in the limiter and go with the next flush.
            LogFlushFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report quota usage; it will be sent with the next report")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
