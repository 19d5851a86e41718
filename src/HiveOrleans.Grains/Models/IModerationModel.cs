using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// A model that serves one model type. Runs on a thread-pool thread (see <see cref="ModelRunner"/>), so it may block
/// and burn CPU; it must be thread-safe. When several are registered for one type, the last registration wins.
/// </summary>
public interface IModerationModel
{
    string ModelType { get; }

    ModerationOutput Run(TaskSubmission submission, ModelContext context);
}
