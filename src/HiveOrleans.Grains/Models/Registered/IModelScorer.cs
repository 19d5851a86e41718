using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>Runs one registered model: a score per label for each picture.</summary>
internal interface IModelScorer : IDisposable
{
    /// <summary>One array per picture, a score per label in label order.</summary>
    /// <exception cref="RemoteModelException">A remote server failed after its retries.</exception>
    Task<float[][]> ScoreAsync(IReadOnlyList<RgbImage> pictures, CancellationToken cancellationToken);
}
