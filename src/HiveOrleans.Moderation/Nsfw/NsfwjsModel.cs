using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Moderation.Nsfw;

/// <summary>
/// The built-in NSFW classifier: nsfwjs's MobileNetV2 (MIT), read from the TensorFlow.js files tools/nsfwjs/prepare.sh
/// writes, converted to ONNX by us (<see cref="KerasOnnxConverter"/>) and run on ONNX Runtime with nsfwjs's own
/// preprocessing, so its probabilities are nsfwjs's.
/// </summary>
public sealed class NsfwjsModel : IDisposable
{
    /// <summary>nsfwjs's classes, in its output order.</summary>
    public static readonly IReadOnlyList<string> Labels = ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"];

    /// <summary>nsfwjs's preprocessing: samples / 255, stretched to 224×224 with aligned-corner bilinear resizing, RGB, NHWC.</summary>
    public static readonly ImagePreprocessing Preprocessing =
        new(224, 224, ResizeMode.StretchBilinearAlignCorners, ChannelOrder.Rgb, TensorLayout.Nhwc, 255f, [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>The files prepare.sh writes, which <see cref="Load"/> reads.</summary>
    public static readonly IReadOnlyList<string> Files = ["model.json", "group1-shard1of1.bin"];

    private NsfwjsModel(OnnxImageClassifier classifier, string version)
    {
        Classifier = classifier;
        Version = version;
    }

    /// <summary>Which weights these are: <c>nsfwjs-4.3.0/mobilenet_v2/</c> and the first 12 hex digits of the weights' SHA-256.</summary>
    public string Version { get; }

    public OnnxImageClassifier Classifier { get; }

    /// <summary>
    /// Reads the model from <paramref name="directory"/> and converts it, or takes the conversion from
    /// <paramref name="cacheDirectory"/> when an earlier start left it there (keyed by the files' SHA-256 and the
    /// converter's version). A cache that cannot be written is skipped: converting takes a fraction of a second.
    /// </summary>
    /// <exception cref="NsfwjsWeightsMissingException">The directory lacks the files.</exception>
    /// <exception cref="InvalidDataException">The files are not the model, or ONNX Runtime refused the conversion.</exception>
    public static NsfwjsModel Load(string directory, string? cacheDirectory, int intraOpThreads)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var missing = Files.Where(file => !File.Exists(Path.Combine(directory, file))).ToArray();
        if (missing.Length > 0)
        {
            throw new NsfwjsWeightsMissingException(directory, missing);
        }

        var tfjs = TfjsLayersModel.Load(directory);
        var onnx = Cached(tfjs, cacheDirectory, out var cachePath) ?? Convert(tfjs, cachePath);
        var classifier = new OnnxImageClassifier(onnx, Preprocessing, Labels, intraOpThreads);
        return new NsfwjsModel(classifier, VersionOf(tfjs));
    }

    public void Dispose() => Classifier.Dispose();

    /// <summary>The version <see cref="Load"/> would report, from the files alone (model.json and the shard's hash).</summary>
    /// <exception cref="NsfwjsWeightsMissingException">The directory lacks the files.</exception>
    public static string ReadVersion(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var missing = Files.Where(file => !File.Exists(Path.Combine(directory, file))).ToArray();
        if (missing.Length > 0)
        {
            throw new NsfwjsWeightsMissingException(directory, missing);
        }

        return VersionOf(TfjsLayersModel.Load(directory));
    }

    /// <summary><c>nsfwjs 4.3.0</c> in model.json becomes <c>nsfwjs-4.3.0/mobilenet_v2/8e7dddbb16ac</c>.</summary>
    private static string VersionOf(TfjsLayersModel model)
    {
        var release = model.GeneratedBy.StartsWith("nsfwjs ", StringComparison.Ordinal) ? model.GeneratedBy["nsfwjs ".Length..].Trim() : "unknown";
        return $"nsfwjs-{release}/mobilenet_v2/{model.WeightsSha256[..12]}";
    }

    private static byte[]? Cached(TfjsLayersModel model, string? cacheDirectory, out string? path)
    {
        path = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"nsfwjs-{KerasOnnxConverter.Version}-{model.ContentSha256}.onnx");
        try
        {
            return path is not null && File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static byte[] Convert(TfjsLayersModel model, string? cachePath)
    {
        byte[] onnx;
        try
        {
            onnx = KerasOnnxConverter.Convert(model);
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidDataException($"The nsfwjs model could not be converted: {ex.Message}", ex);
        }

        if (cachePath is not null)
        {
            try
            {
                // Written beside and renamed, so a silo starting at the same moment never reads half a file.
                Directory.CreateDirectory(Path.GetDirectoryName(cachePath)!);
                var partial = $"{cachePath}.{Guid.NewGuid():N}.tmp";
                File.WriteAllBytes(partial, onnx);
                File.Move(partial, cachePath, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Converting again next start is the only cost.
            }
        }

        return onnx;
    }
}
