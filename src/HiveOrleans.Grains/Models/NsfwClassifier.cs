using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Nsfw;
using HiveOrleans.Moderation.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The silo's one copy of the built-in NSFW model (<see cref="NsfwjsModel"/>), loaded at first use and shared by
/// every visual task; callers run it inside their model slot (<see cref="ModelRunner"/>), off the Orleans scheduler.
/// </summary>
public sealed partial class NsfwClassifier : IDisposable
{
    private readonly NsfwModelOptions _options;
    private readonly string _cacheDirectory;
    private readonly int _threads;
    private readonly ILogger<NsfwClassifier> _logger;
    private readonly Lazy<string> _version;
    private readonly Lazy<NsfwjsModel> _model;

    public NsfwClassifier(IOptions<NsfwModelOptions> options, IOptions<TaskOptions> tasks, IConfiguration configuration, ILogger<NsfwClassifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(configuration);
        _options = options.Value;
        _logger = logger;
        _cacheDirectory = _options.CacheDirectory
            ?? Path.Combine(Path.GetFullPath(configuration["HiveOrleans:DataDirectory"] ?? "data"), "models");
        _threads = _options.IntraOpThreads > 0
            ? _options.IntraOpThreads
            : Math.Max(1, Environment.ProcessorCount / tasks.Value.EffectiveModelConcurrency);
        _version = new(() => NsfwjsModel.ReadVersion(_options.FullModelDirectory));
        _model = new(Load);
    }

    /// <summary>The weights' version (<c>nsfwjs-4.3.0/mobilenet_v2/8e7dddbb16ac</c>), read from the files without loading the model.</summary>
    /// <exception cref="ModelUnavailableException">The model's files are missing.</exception>
    public string Version => Unavailable(() => _version.Value);

    /// <summary>The head's classes (<see cref="NsfwHead.Classes"/>) for each picture, in order; runs on the caller's thread.</summary>
    /// <exception cref="ModelUnavailableException">The model's files are missing or could not be loaded.</exception>
    public IReadOnlyList<ClassScore[]> Classify(IReadOnlyList<RgbImage> pictures)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        if (pictures.Count == 0)
        {
            return [];
        }

        var model = Unavailable(() => _model.Value);
        return [.. model.Classifier.Classify(pictures).Select(Classes)];
    }

    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }
    }

    private static ClassScore[] Classes(float[] probabilities)
    {
        var scores = NsfwHead.Scores(probabilities);
        var classes = new ClassScore[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            classes[i] = new ClassScore(NsfwHead.Classes[i], scores[i]);
        }

        return classes;
    }

    private NsfwjsModel Load()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var model = NsfwjsModel.Load(_options.FullModelDirectory, _cacheDirectory, _threads);
        LogLoaded(model.Version, _threads, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return model;
    }

    /// <summary>A missing or broken model fails the task with the reason, never with empty classes.</summary>
    private static T Unavailable<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            throw new ModelUnavailableException($"The built-in NSFW model is not available on this silo: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NSFW model {Version} loaded ({Threads} intra-op thread(s) per inference) in {Milliseconds:0} ms")]
    private partial void LogLoaded(string version, int threads, double milliseconds);
}
