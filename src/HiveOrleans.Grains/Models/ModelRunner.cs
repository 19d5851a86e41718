using HiveOrleans.Grains.Hosting;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// Runs models on the thread pool, never on the Orleans scheduler, with at most
/// <see cref="TaskOptions.ModelConcurrency"/> runs at once per silo so a burst of tasks queues here
/// instead of starving the grains of threads.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<string, IModerationModel> _models = new(StringComparer.Ordinal);

    public ModelRunner(IEnumerable<IModerationModel> models, IOptions<TaskOptions> options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var model in models)
        {
            _models[model.ModelType] = model;
        }

        _slots = new SemaphoreSlim(options.Value.EffectiveModelConcurrency);
    }

    /// <summary>
    /// Waits for a free slot, calls <paramref name="started"/> (on the caller's context, so a grain may update its
    /// state there), runs the model the submission's project serves, and applies the project's thresholds.
    /// </summary>
    public async Task<ModerationOutput> RunAsync(ModelInput input, Action started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(started);
        var model = ModelFor(input.Submission);

        // Awaited on the caller's context on purpose: started() belongs to the caller.
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(true);
        try
        {
            started();

            // Task.Run takes the work off the activation's scheduler, onto the thread pool.
            var running = System.Diagnostics.Stopwatch.GetTimestamp();
            var output = await Task.Run(() => model.RunAsync(input, cancellationToken), cancellationToken).ConfigureAwait(true);
            HiveMetrics.ModelDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(running).TotalMilliseconds, HiveMetrics.Model(model.ModelType));
            return ScoreThresholds.Apply(output, input.Submission.Thresholds, input.Submission.ScoreThresholds);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Runs the model the submission's project serves and applies its thresholds, as <see cref="RunAsync"/> does, but
    /// without a live slot: for background work that bounds itself (a rerun, <c>RerunOptions.Concurrency</c>) and
    /// already runs on the thread pool, so live tasks never wait behind it for a slot.
    /// </summary>
    public async Task<ModerationOutput> RunInBackgroundAsync(ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = ModelFor(input.Submission);
        var running = System.Diagnostics.Stopwatch.GetTimestamp();
        var output = await model.RunAsync(input, cancellationToken).ConfigureAwait(false);
        HiveMetrics.ModelDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(running).TotalMilliseconds, HiveMetrics.Model(model.ModelType));
        return ScoreThresholds.Apply(output, input.Submission.Thresholds, input.Submission.ScoreThresholds);
    }

    /// <summary>True while every model slot of the silo is taken: background work (a rerun) then lets live tasks go first.</summary>
    public bool AllSlotsBusy => _slots.CurrentCount == 0;

    /// <summary>The stamp a cached result for <paramref name="submission"/> must carry to be reused (see <see cref="IModerationModel.ResultStamp"/>).</summary>
    public ValueTask<string> ResultStampAsync(TaskSubmission submission, CancellationToken cancellationToken = default) =>
        ModelFor(submission).ResultStampAsync(submission, cancellationToken);

    private IModerationModel ModelFor(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return _models.TryGetValue(submission.ModelType, out var model)
            ? model
            : throw new ModelUnavailableException($"No model of type '{submission.ModelType}' is available in this version.");
    }

    public void Dispose() => _slots.Dispose();
}
