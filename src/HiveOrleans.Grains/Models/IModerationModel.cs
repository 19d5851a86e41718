using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// A model that serves one model type. Runs on a thread-pool thread (see <see cref="ModelRunner"/>), so it may block
/// and burn CPU; it must be thread-safe. When several are registered for one type, the last registration wins.
/// </summary>
public interface IModerationModel
{
    string ModelType { get; }

    /// <summary>
    /// What a result depends on beyond the content and the project's configuration version: the model's version,
    /// and for bank matching the banks' contents. A cached result is reused only while its stamp is unchanged.
    /// </summary>
    string ResultStamp(TaskSubmission submission);

    /// <summary>
    /// <see cref="ResultStamp"/> for a model that must look something up first (a registered model's current version);
    /// by default the synchronous stamp.
    /// </summary>
    ValueTask<string> ResultStampAsync(TaskSubmission submission, CancellationToken cancellationToken) => ValueTask.FromResult(ResultStamp(submission));

    Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken);
}
