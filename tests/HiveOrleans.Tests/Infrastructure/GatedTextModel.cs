using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>
/// The real text model, except that the first text containing <see cref="HoldMarker"/> is held mid-processing until
/// the test releases it; later runs (the same task resumed elsewhere) pass straight through. It lets a test kill or
/// stop a silo while a task is provably inside the model.
/// </summary>
public sealed class GatedTextModel : IModerationModel, IDisposable
{
    public const string HoldMarker = "[hold]";

    private readonly TextModel _inner = new(new TextEngine());
    private readonly ManualResetEventSlim _release = new();
    private int _held;
    private readonly TaskCompletionSource<string> _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ModelType => ModelTypes.Text;

    /// <summary>Completes with the silo name (as passed to <see cref="For"/>) that first held a task.</summary>
    public Task<string> Entered => _entered.Task;

    /// <summary>A view of this gate for one silo, so the test learns which silo is holding the task.</summary>
    public IModerationModel For(string siloName) => new SiloView(this, siloName);

    public string ResultStamp(TaskSubmission submission) => _inner.ResultStamp(submission);

    public Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken) => Task.FromResult(RunOn("silo", input, cancellationToken));

    public void Release() => _release.Set();

    public void Dispose() => _release.Dispose();

    private ModerationOutput RunOn(string siloName, ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Submission.TextData?.Contains(HoldMarker, StringComparison.Ordinal) == true && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _entered.TrySetResult(siloName);

            // Bounded, so a test that forgets to release cannot hang the run; the held silo is normally dead by then.
            // A stopping silo cancels its model runs, as a real model that honours the token would stop.
            if (!_release.Wait(TimeSpan.FromMinutes(2), cancellationToken))
            {
                throw new TimeoutException("The gate was never released.");
            }
        }

        return _inner.Run(input.Submission.TextData ?? "", input.Context);
    }

    private sealed class SiloView(GatedTextModel gate, string siloName) : IModerationModel
    {
        public string ModelType => ModelTypes.Text;

        public string ResultStamp(TaskSubmission submission) => gate.ResultStamp(submission);

        public Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken) => Task.FromResult(gate.RunOn(siloName, input, cancellationToken));
    }
}
