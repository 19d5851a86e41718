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
    public async Task<ModerationOutput> RunAsync(TaskSubmission submission, ModelContext context, Action started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(started);
        if (!_models.TryGetValue(submission.ModelType, out var model))
        {
            throw new ModelUnavailableException($"No model of type '{submission.ModelType}' is available in this version.");
        }

        // Awaited on the caller's context on purpose: started() belongs to the caller.
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(true);
        try
        {
            started();

            // TaskScheduler.Default takes the work off the activation's scheduler.
            return await Task.Factory.StartNew(
                () => ScoreThresholds.Apply(model.Run(submission, context), submission.Thresholds),
                cancellationToken,
                TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).ConfigureAwait(true);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
