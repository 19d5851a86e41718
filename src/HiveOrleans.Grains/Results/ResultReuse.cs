using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Results;
using Microsoft.Extensions.Logging;
using HiveOrleans.Grains.Models;

namespace HiveOrleans.Grains.Results;

/// <summary>
/// The result cache as tasks use it: a project that already finished the same content (same <c>input.hash</c>) under
/// the same configuration version answers from the stored result. A result is reused only under the same model
/// <see cref="IModerationModel.ResultStamp"/> (a new engine version, or a bank that changed since, is a new stamp), so
/// a cache hit never hides what a fresh run would find. The stamp is part of the cache key rather than a check on
/// the entry: the store keeps the first result per key, and a result made under a newer stamp must not be shut out
/// by an older one. A task's result is kept under the stamp read before its run (<see cref="ResultLookup.Key"/>),
/// never one read after: a bank that changed while the model ran may or may not be in the result, so only the older
/// stamp is sure to be no newer than what the run saw.
/// </summary>
public sealed partial class ResultReuse(IResultCache cache, ModelRunner models, TimeProvider time, ILogger<ResultReuse> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>
    /// The stored result for this content, if any, and the key a result of the run that follows a miss is kept
    /// under. A failing store is a miss: the model runs instead.
    /// </summary>
    public async Task<ResultLookup> FindAsync(TaskSubmission submission, string inputHash)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var key = $"{inputHash}:{await models.ResultStampAsync(submission)}";
        try
        {
            var found = await cache.FindAsync(submission.ProjectId, submission.ConfigVersion, key);
            return new ResultLookup(found is null ? null : JsonSerializer.Deserialize<ModerationOutput>(found.Output, Json), key);
        }
        catch (Exception ex) when (ex is not ModelUnavailableException)
        {
            LogLookupFailed(logger, submission.ProjectId, ex);
            return new ResultLookup(null, key);
        }
    }

    /// <summary>
    /// Keeps <paramref name="output"/> for later tasks of the same content, under the key <paramref name="lookup"/>
    /// gave before the run; the first result kept wins. Never throws.
    /// </summary>
    public async Task RememberAsync(Guid taskId, TaskSubmission submission, ResultLookup lookup, ModerationOutput output)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(output, Json);
            await cache.StoreAsync(new CachedResult(submission.ProjectId, submission.ConfigVersion, lookup.Key, taskId, bytes, time.GetUtcNow()));
        }
        catch (Exception ex)
        {
            // The task's own result is stored already; losing the cache entry costs a later model run, nothing more.
            LogStoreFailed(logger, taskId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result cache lookup for project {ProjectId} failed; running the model")]
    private static partial void LogLookupFailed(ILogger logger, long projectId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep task {TaskId}'s result in the result cache")]
    private static partial void LogStoreFailed(ILogger logger, Guid taskId, Exception exception);
}

/// <summary>What a task found in the result cache (<see cref="Found"/>, or null) and the key its own result is kept under.</summary>
public readonly record struct ResultLookup(ModerationOutput? Found, string Key);
