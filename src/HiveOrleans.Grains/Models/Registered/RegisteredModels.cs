using System.Collections.Concurrent;
using HiveOrleans.Abstractions.Models;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Storage.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>
/// This silo's view of the registered models: their definitions, read from the store and trusted for
/// <see cref="RegisteredModelOptions.RefreshInterval"/>, and one loaded scorer per model version (an ONNX Runtime
/// session, or a client of a remote server), made when a task first needs that version. Thread-safe.
/// </summary>
public sealed partial class RegisteredModels : IDisposable
{
    /// <summary>The shortest a remote model's verification probe waits for its server: a server's first answer may be slow.</summary>
    public const double MinProbeTimeoutSeconds = 5;

    /// <summary>The longest a remote model's verification probe waits for its server.</summary>
    public const double MaxProbeTimeoutSeconds = 15;

    private readonly IModelStore _store;
    private readonly RegisteredModelOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RegisteredModels> _logger;
    private readonly int _threads;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, (long ReadAt, ModelDetails? Details)> _details = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IModelScorer>>> _scorers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _servers = new(StringComparer.Ordinal);

    public RegisteredModels(IModelStore store, IOptions<RegisteredModelOptions> options, IOptions<TaskOptions> tasks, TimeProvider time, ILogger<RegisteredModels> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tasks);
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _threads = _options.IntraOpThreads > 0
            ? _options.IntraOpThreads
            : Math.Max(1, Environment.ProcessorCount / tasks.Value.EffectiveModelConcurrency);

        // Each attempt's deadline is the registration's (KServeScorer); redirects are not followed, as for callbacks.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The model as this silo last read it (at most <see cref="RegisteredModelOptions.RefreshInterval"/> ago).</summary>
    /// <exception cref="ModelUnavailableException">No model has the name (it was deleted).</exception>
    public async ValueTask<ModelDetails> DetailsAsync(string name, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (!_details.TryGetValue(name, out var known) || _time.GetElapsedTime(known.ReadAt, now) > _options.RefreshInterval)
        {
            var stored = await _store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            known = (now, stored is null ? null : ToDetails(stored));
            _details[name] = known;
            if (stored is null)
            {
                // A deleted model's sessions are let go; a task still running one keeps its reference until it ends.
                Forget(name, keepVersion: null);
            }
        }

        return known.Details ?? throw new ModelUnavailableException($"The registered model '{name}' does not exist any more (it was deleted after the task was submitted).");
    }

    /// <summary>The scorer of this version of the model, loaded on first use and kept while the version is current.</summary>
    /// <exception cref="ModelUnavailableException">The version is no longer stored, or ONNX Runtime refused it.</exception>
    internal async Task<IModelScorer> ScorerAsync(ModelDetails model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lazy = _scorers.GetOrAdd(model.Version, _ => new Lazy<Task<IModelScorer>>(() => LoadAsync(model)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed load is not kept: the next task tries again (the store may have been down).
            _scorers.TryRemove(new KeyValuePair<string, Lazy<Task<IModelScorer>>>(model.Version, lazy));
            throw;
        }
    }

    /// <summary>
    /// A scorer made from a definition being registered, verified with a probe: for ONNX, loading checks the input
    /// and output against the preprocessing and labels and runs a blank picture; for a remote server, a blank picture
    /// is sent once, without retries, within its timeout clamped to 5–15 s. Not cached. Runs on the caller's thread; the caller disposes it.
    /// </summary>
    /// <exception cref="ModelRequestException">The model or server failed the probe; the message says how.</exception>
    internal async Task<IModelScorer> VerifyAsync(ModelDefinition definition, byte[]? content, CancellationToken cancellationToken)
    {
        var preprocessing = ModelRules.Preprocessing(definition.Preprocessing);
        if (definition.Kind == ModelKinds.Onnx)
        {
            try
            {
                return new OnnxScorer(new OnnxImageClassifier(content!, preprocessing, definition.Labels, _threads));
            }
            catch (InvalidDataException ex)
            {
                throw new ModelRequestException($"The ONNX model failed verification: {ex.Message}");
            }
        }

        // One attempt, within 15 s at most (the operator waits on it, inside one grain call's deadline), and at least
        // 5 s: a model server's first request can be slower than the deadline set for its steady state.
        var timeout = Math.Clamp(definition.Remote!.TimeoutSeconds, MinProbeTimeoutSeconds, MaxProbeTimeoutSeconds);
        var probe = definition.Remote with { Retries = 0, TimeoutSeconds = timeout };
        var scorer = Remote(definition with { Remote = probe }, preprocessing);
        try
        {
            var blank = new RgbImage(preprocessing.Width, preprocessing.Height, new byte[preprocessing.ValuesPerImage]);
            await scorer.ScoreAsync([blank], cancellationToken).ConfigureAwait(false);
            return scorer;
        }
        catch (RemoteModelException ex)
        {
            scorer.Dispose();
            throw new ModelRequestException($"The remote model failed verification (a probe with one blank picture): {ex.Message}");
        }
    }

    /// <summary>The details a stored row describes.</summary>
    internal static ModelDetails ToDetails(StoredModel stored, bool replaced = false)
    {
        var definition = ModelRules.Deserialize(stored.Definition);
        return new ModelDetails
        {
            Name = stored.Name,
            Definition = definition,
            Version = stored.Version,
            ContentBytes = stored.ContentBytes,
            RegisteredOn = stored.RegisteredAt,
            ClassNames = ModelRules.ClassNames(definition),
            Replaced = replaced,
        };
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var scorer in _scorers.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            scorer.Value.Result.Dispose();
        }
    }

    private async Task<IModelScorer> LoadAsync(ModelDetails model)
    {
        // Older versions of the name are let go; a task still running one keeps its reference until it ends.
        Forget(model.Name, keepVersion: model.Version);
        var definition = model.Definition;
        var preprocessing = ModelRules.Preprocessing(definition.Preprocessing);
        if (definition.Kind != ModelKinds.Onnx)
        {
            return Remote(definition, preprocessing);
        }

        var started = _time.GetTimestamp();
        var content = await _store.ReadContentAsync(model.Name, model.Version).ConfigureAwait(false)
            ?? throw new ModelUnavailableException($"The registered model '{model.Name}' was replaced or deleted while the task ran (version {model.Version} is no longer stored).");
        try
        {
            var scorer = new OnnxScorer(new OnnxImageClassifier(content, preprocessing, definition.Labels, _threads));
            LogLoaded(model.Version, content.Length, _time.GetElapsedTime(started).TotalMilliseconds);
            return scorer;
        }
        catch (InvalidDataException ex)
        {
            throw new ModelUnavailableException($"The registered model '{model.Name}' could not be loaded on this silo: {ex.Message}");
        }
    }

    /// <summary>Drops the loaded versions of <paramref name="name"/> but <paramref name="keepVersion"/>.</summary>
    private void Forget(string name, string? keepVersion)
    {
        foreach (var stale in _scorers.Keys.Where(v => v != keepVersion && v.StartsWith(name + "/", StringComparison.Ordinal)))
        {
            _scorers.TryRemove(stale, out _);
        }
    }

    private KServeScorer Remote(ModelDefinition definition, ImagePreprocessing preprocessing)
    {
        var server = definition.Remote!;
        // Models naming the same server with the same bound share it; a new bound takes effect with the version that sets it.
        var slots = _servers.GetOrAdd($"{server.BaseUrl.TrimEnd('/')} {server.MaxConcurrency}", _ => new SemaphoreSlim(server.MaxConcurrency));
        return new KServeScorer(_http, server, preprocessing, definition.Labels.Count, slots);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered model {Version} loaded ({Bytes} bytes) in {Milliseconds:0} ms")]
    private partial void LogLoaded(string version, long bytes, double milliseconds);
}
