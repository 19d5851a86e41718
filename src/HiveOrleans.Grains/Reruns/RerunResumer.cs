using HiveOrleans.Abstractions.Reruns;
using HiveOrleans.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// Carries on reruns whose silo went: at start and every <see cref="RerunOptions.ResumeInterval"/>, each silo pokes every
/// running rerun; a rerun already working ignores it, one with no activation is activated here and resumes from its
/// checkpoint. Orleans keeps one activation per rerun, so two silos never run the same one.
/// </summary>
internal sealed partial class RerunResumer(
    IGrainFactory grains,
    IOptions<RerunOptions> options,
    TimeProvider time,
    ILogger<RerunResumer> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private PeriodicWork? _work;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RerunResumer), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public void Dispose() => _work?.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _work = new PeriodicWork(options.Value.ResumeInterval, time, ResumeAllAsync, ex => LogResumeFailed(logger, ex), firstRoundAtStart: true);
        _work.Start();
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _work?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    private async Task ResumeAllAsync(CancellationToken stopping)
    {
        foreach (var rerunId in await grains.GetGrain<IRerunDirectoryGrain>(RerunKeys.Directory).ListRunningAsync().ConfigureAwait(false))
        {
            stopping.ThrowIfCancellationRequested();
            await grains.GetGrain<IRerunGrain>(RerunKeys.GrainKey(rerunId)).ResumeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for reruns to carry on failed; the next round will retry")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
