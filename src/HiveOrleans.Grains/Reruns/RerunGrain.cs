using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reruns;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Reruns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// One rerun (<see cref="IRerunGrain"/>). Its pass runs on the thread pool, counting the window first; a timer that
/// keeps the activation alive checkpoints the report and cursor every <see cref="RerunOptions.CheckpointInterval"/> and
/// notices the end. Stopping the silo checkpoints and leaves the rerun running, for <see cref="RerunResumer"/> on a live
/// silo to carry on.
/// </summary>
internal sealed partial class RerunGrain(
    [PersistentState(StorageNames.Rerun, StorageNames.Provider)] IPersistentState<RerunState> state,
    RerunServices services,
    IOptions<RerunOptions> options,
    TimeProvider time,
    ILogger<RerunGrain> logger) : Grain, IRerunGrain
{
    private CancellationTokenSource? _stop;
    private Task? _pass;
    private RerunTally? _tally;
    private IGrainTimer? _checkpoints;

    private Guid RerunId => Guid.Parse(this.GetPrimaryKeyString().AsSpan("rerun-".Length));

    public async Task<RerunProgress> StartAsync(RerunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Progress is { } existing)
        {
            return Live(existing);
        }

        var trial = await GrainFactory.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(spec.ProjectId)).PreviewAsync(spec.Config);
        if (trial.ModelType != ModelTypes.Text && !MediaRerun.Covers(trial.ModelType))
        {
            throw new ProjectRequestException($"Reruns cover text, visual, OCR and speech projects; project {spec.ProjectId} is a '{trial.ModelType}' project.");
        }

        var current = await GrainFactory.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(spec.ProjectId)).GetConfigAsync();
        var now = time.GetUtcNow();
        var until = spec.Until ?? now;
        var after = spec.Since is { } since ? TaskIdBounds.At(since) : Guid.Empty;
        var untilId = TaskIdBounds.At(until);
        state.State = new RerunState
        {
            Trial = trial,
            Cursor = after,
            UntilId = untilId,
            Progress = new RerunProgress
            {
                RerunId = RerunId,
                Spec = spec,
                Status = RerunStatuses.Running,
                CreatedOn = now,
                UpdatedOn = now,
                Until = until,
                BaseConfigVersion = current?.ConfigVersion ?? trial.ConfigVersion,

                // Counted by the pass, not here: a window of tens of millions of tasks takes longer to count than a
                // request may wait.
                Total = null,
            },
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IRerunDirectoryGrain>(RerunKeys.Directory).AddAsync(RerunId);
        StartPass();
        return Live(state.State.Progress);
    }

    public Task<RerunProgress?> GetAsync() =>
        Task.FromResult(state.State.Progress is { } progress ? Live(progress) : null);

    public async Task<RerunProgress?> CancelAsync()
    {
        if (state.State.Progress is not { } progress)
        {
            return null;
        }

        if (progress.Status == RerunStatuses.Running)
        {
            await StopPassAsync();
            await FinishAsync(RerunStatuses.Cancelled, error: null);
        }

        return state.State.Progress;
    }

    public Task ResumeAsync()
    {
        if (state.State.Progress is { Status: RerunStatuses.Running } && _pass is null)
        {
            LogResuming(logger, RerunId, state.State.Progress.Done);
            StartPass();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pass is not null)
        {
            // The silo is going: what was counted is written and the rerun stays running for another silo to carry on.
            await StopPassAsync();
            await CheckpointAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void StartPass()
    {
        var record = state.State;
        var progress = record.Progress!;
        _tally = new RerunTally(progress, record.Cursor, options.Value.Examples);
        _stop = new CancellationTokenSource();
        var pass = new RerunPass(RerunId, progress.Spec, record.Trial!, progress.BaseConfigVersion, record.UntilId, _tally, services);
        var cursor = record.Cursor;
        var stop = _stop.Token;
        _pass = Task.Run(() => pass.RunAsync(cursor, stop), CancellationToken.None);
        var interval = options.Value.CheckpointInterval;
        _checkpoints = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_pass is not { IsCompleted: true } pass)
        {
            await CheckpointAsync();
            return;
        }

        // The pass ended by itself: the window is done, or it failed.
        var error = pass.Exception?.GetBaseException();
        _pass = null;
        if (error is not null)
        {
            LogFailed(logger, RerunId, error);
        }

        await FinishAsync(error is null ? RerunStatuses.Completed : RerunStatuses.Failed, error?.Message);
    }

    private async Task StopPassAsync()
    {
        if (_pass is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        await _pass.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        _pass = null;
        _stop.Dispose();
        _stop = null;
    }

    private async Task CheckpointAsync()
    {
        if (_tally is null || state.State.Progress is not { Status: RerunStatuses.Running } progress)
        {
            return;
        }

        var (counted, cursor) = _tally.Snapshot(progress);
        state.State.Progress = counted with { UpdatedOn = time.GetUtcNow() };
        state.State.Cursor = cursor;
        await state.WriteStateAsync();
    }

    private async Task FinishAsync(string status, string? error)
    {
        _checkpoints?.Dispose();
        _checkpoints = null;
        var progress = state.State.Progress!;
        var (counted, cursor) = _tally is { } tally ? tally.Snapshot(progress) : (progress, state.State.Cursor);
        var now = time.GetUtcNow();
        state.State.Progress = counted with { Status = status, UpdatedOn = now, FinishedOn = now, Error = error };
        state.State.Cursor = cursor;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IRerunDirectoryGrain>(RerunKeys.Directory).RemoveAsync(RerunId);
        _tally = null;
    }

    /// <summary>The rerun with the counts of its pass so far, which may be ahead of its last checkpoint.</summary>
    private RerunProgress Live(RerunProgress stored) =>
        _tally is { } tally && stored.Status == RerunStatuses.Running ? tally.Snapshot(stored).Progress : stored;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming rerun {RerunId} after {Done} tasks")]
    private static partial void LogResuming(ILogger logger, Guid rerunId, long done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rerun {RerunId} failed")]
    private static partial void LogFailed(ILogger logger, Guid rerunId, Exception exception);
}
