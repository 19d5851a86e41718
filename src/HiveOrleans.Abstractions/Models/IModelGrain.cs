using Orleans.Concurrency;

namespace HiveOrleans.Abstractions.Models;

/// <summary>
/// The curator of one registered visual model, keyed by <see cref="ModelKeys.GrainKey"/> (<c>model-NAME</c>). The
/// definition and the ONNX file live in the store, not in grain state; silos load them from there when a task first
/// needs the version. Requests the operator got wrong throw <see cref="ModelRequestException"/>.
/// </summary>
[Alias("HiveOrleans.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Verifies the model with a probe inference on this silo (an ONNX file loaded and run on a blank picture, or a
    /// remote server called with one) and stores it, replacing an earlier version of the name.
    /// </summary>
    [Alias("Register")]
    Task<ModelDetails> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>
    /// The model, or <c>null</c> when there is none or it is being deleted. Interleaves with a deletion in progress,
    /// so a project checking the name while the model's deletion asks that project for its settings never waits on it.
    /// </summary>
    [Alias("Get"), AlwaysInterleave]
    Task<ModelDetails?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the model unless a project runs it (<see cref="ModelError.InUse"/>, naming the projects).</summary>
    [Alias("Delete")]
    Task DeleteAsync(CancellationToken cancellationToken = default);
}
