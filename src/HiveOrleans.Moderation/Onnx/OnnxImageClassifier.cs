using Microsoft.ML.OnnxRuntime;

namespace HiveOrleans.Moderation.Onnx;

/// <summary>
/// An ONNX image classifier on ONNX Runtime's CPU provider: one picture input, one output of a score per label.
/// Thread-safe: concurrent <see cref="Classify"/> calls share the session (ONNX Runtime allows that). Callers bound
/// how many run at once; each run uses up to the intra-op threads given at construction.
/// </summary>
public sealed class OnnxImageClassifier : IDisposable
{
    /// <summary>Pictures per inference at most: a longer list runs in several, bounding the input tensor's memory.</summary>
    public const int MaxBatch = 16;

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;

    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="preprocessing">How its input wants pictures.</param>
    /// <param name="labels">A name per output score, in output order.</param>
    /// <param name="intraOpThreads">Threads one inference may use.</param>
    /// <exception cref="InvalidDataException">ONNX Runtime refused the model, its input or output does not fit the
    /// declaration, or a probe inference failed or gave other than one score per label.</exception>
    public OnnxImageClassifier(byte[] model, ImagePreprocessing preprocessing, IReadOnlyList<string> labels, int intraOpThreads)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intraOpThreads);
        preprocessing.Validate();
        if (labels.Count == 0 || labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
        {
            throw new ArgumentException("A classifier needs labels, each named once.", nameof(labels));
        }

        Preprocessing = preprocessing;
        Labels = [.. labels];
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // Idle intra-op threads would otherwise spin between runs, taking cores from the grains and other models.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            _session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"ONNX Runtime could not load the model: {ex.Message}", ex);
        }

        try
        {
            (_inputName, _outputName) = CheckSignature();
            Probe();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public ImagePreprocessing Preprocessing { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Scores every picture: one array per picture, a score per label in <see cref="Labels"/> order.</summary>
    public float[][] Classify(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var results = new float[images.Count][];
        for (var start = 0; start < images.Count; start += MaxBatch)
        {
            var count = Math.Min(MaxBatch, images.Count - start);
            var perImage = Preprocessing.ValuesPerImage;
            var input = new float[count * perImage];
            for (var i = 0; i < count; i++)
            {
                ImageTensor.Write(images[start + i], Preprocessing, input.AsSpan(i * perImage, perImage));
            }

            var scores = Run(input, count);
            for (var i = 0; i < count; i++)
            {
                results[start + i] = scores.AsSpan(i * Labels.Count, Labels.Count).ToArray();
            }
        }

        return results;
    }

    public void Dispose() => _session.Dispose();

    private float[] Run(float[] input, int count)
    {
        var spec = Preprocessing;
        long[] shape = spec.Layout == TensorLayout.Nhwc ? [count, spec.Height, spec.Width, 3] : [count, 3, spec.Height, spec.Width];
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_inputName], [value], [_outputName]);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        if (scores.Length != count * Labels.Count)
        {
            throw new InvalidDataException($"The model gave {scores.Length} scores for {count} picture(s) and {Labels.Count} labels.");
        }

        return scores.ToArray();
    }

    private (string Input, string Output) CheckSignature()
    {
        if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count != 1)
        {
            throw new InvalidDataException($"The model has {_session.InputMetadata.Count} inputs and {_session.OutputMetadata.Count} outputs; an image classifier has one of each.");
        }

        var (inputName, input) = _session.InputMetadata.Single();
        var spec = Preprocessing;
        int[] expected = spec.Layout == TensorLayout.Nhwc ? [-1, spec.Height, spec.Width, 3] : [-1, 3, spec.Height, spec.Width];
        var dims = input.Dimensions;
        if (input.ElementType != typeof(float) || dims.Length != 4 || Enumerable.Range(1, 3).Any(i => dims[i] > 0 && dims[i] != expected[i]))
        {
            throw new InvalidDataException(
                $"The model's input '{inputName}' is {input.ElementType.Name}[{string.Join(", ", dims)}]; the declared preprocessing gives float[N, {string.Join(", ", expected[1..])}] ({spec.Layout}).");
        }

        var (outputName, output) = _session.OutputMetadata.Single();
        if (output.ElementType != typeof(float) || output.Dimensions.Length == 0 || output.Dimensions[^1] > 0 && output.Dimensions[^1] != Labels.Count)
        {
            throw new InvalidDataException(
                $"The model's output '{outputName}' is {output.ElementType.Name}[{string.Join(", ", output.Dimensions)}]; {Labels.Count} labels need float[N, {Labels.Count}].");
        }

        return (inputName, outputName);
    }

    private void Probe()
    {
        try
        {
            Run(new float[Preprocessing.ValuesPerImage], 1);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"A probe inference failed: {ex.Message}", ex);
        }
    }
}
