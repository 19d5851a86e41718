using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>A registered ONNX model on this silo's ONNX Runtime; runs on the caller's thread (a model slot's, off the Orleans scheduler).</summary>
internal sealed class OnnxScorer(OnnxImageClassifier classifier) : IModelScorer
{
    public Task<float[][]> ScoreAsync(IReadOnlyList<RgbImage> pictures, CancellationToken cancellationToken) =>
        Task.FromResult(classifier.Classify(pictures));

    public void Dispose() => classifier.Dispose();
}
