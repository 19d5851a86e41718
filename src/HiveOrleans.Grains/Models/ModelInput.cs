using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>Everything a model reads for one task.</summary>
/// <param name="Submission">What was submitted, with the project settings in force then.</param>
/// <param name="Context">The project's compiled configuration (word lists).</param>
/// <param name="Media">The stored media, for media tasks.</param>
/// <param name="MediaPath">A local file holding the media's bytes, valid while the model runs.</param>
/// <param name="Progress">Where a long run reports how far it has come (any thread may report); null when nobody listens.</param>
public sealed record ModelInput(TaskSubmission Submission, ModelContext Context, TaskMedia? Media = null, string? MediaPath = null, IProgress<TaskProgress>? Progress = null);
