using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Quotas;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Quotas;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Admits a checked submission and hands it to the cluster, in the one order every submission path keeps: the
/// idempotency key first (a repeat gets its first task, with no second charge and no second callback), then the
/// project's rate limit and daily quota, then the grain; the quota taken is given back when nothing was stored.
/// </summary>
internal sealed class TaskAdmission(IGrainFactory grains, TaskCalls calls, QuotaLimiter quotas, TimeProvider time)
{
    /// <param name="wait">For sync requests, how long the grain may wait for the task to finish within the call.</param>
    public async Task<TaskSnapshot> SubmitAsync(ProjectConfig project, SubmissionFields request, TaskMode mode, CancellationToken aborted, TimeSpan? wait = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(request);

        // Version 7 ids sort by time, which keeps the store's indexes append-mostly.
        var taskId = Guid.CreateVersion7();
        if (request.IdempotencyKey is { } key)
        {
            taskId = await grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(project.ProjectId, key)).ClaimAsync(taskId);
            if (await grains.GetGrain<ITaskGrain>(taskId).GetAsync() is { } first)
            {
                return first;
            }
        }

        var decision = await quotas.TryAcquireAsync(project);
        if (!decision.Admitted)
        {
            quotas.RecordRejected(project.ProjectId);
            throw QuotaExceeded(project, decision);
        }

        var submission = Submission(project, request, mode);
        TaskSnapshot task;
        try
        {
            task = await calls.SubmitAsync(taskId, submission, wait, keepId: request.IdempotencyKey is not null, aborted);
        }
        catch
        {
            // Nothing was stored, so nothing is counted.
            quotas.Release(project);
            throw;
        }

        quotas.RecordAccepted(project.ProjectId, submission.Charge);
        return task;
    }

    /// <summary>
    /// A file is stored as it is read, before the quota is taken (an idempotent retry must not be charged). So when
    /// this gateway already knows the project is over its limits, an upload is refused before a byte is read.
    /// </summary>
    public void RefuseUploadOverQuota(HttpRequest request, ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (MultipartTaskReader.IsMultipart(request) && quotas.KnownRefusal(project) is { } refusal)
        {
            quotas.RecordRejected(project.ProjectId);
            throw QuotaExceeded(project, refusal);
        }
    }

    /// <summary>What the task records of its project at submission: the settings in force then stay with it.</summary>
    internal TaskSubmission Submission(ProjectConfig project, SubmissionFields request, TaskMode mode) => new TaskSubmission
    {
        ProjectId = project.ProjectId,
        UserId = project.UserId,
        TextData = request.TextData,
        CallbackUrl = request.CallbackUrl,
        Metadata = request.Metadata,
        MetadataIsJson = request.MetadataIsJson,
        Mode = mode,
        SubmittedOn = time.GetUtcNow(),
        ModelType = project.ModelType,
        ConfigVersion = project.ConfigVersion,
        ConfigTag = project.ConfigTag,
        Charge = project.ChargePerTask,
        Media = request.Media,
        Url = request.Url,
        MaxMediaBytes = project.MaxBodyBytes,
        Review = project.ReviewRules,
    }.WithModelSettingsOf(project);

    internal static ApiException QuotaExceeded(ProjectConfig project, QuotaDecision decision)
    {
        var retryAfter = (int)Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds));
        var message = decision.LimitedBy == QuotaLimits.Daily
            ? $"This project's daily quota of {project.DailyQuota} tasks is used up; it resets at 00:00 UTC."
            : $"This project's rate limit of {project.RateLimit?.PerSecond:0.###} requests per second (burst {project.RateLimit?.Burst}) is exceeded; retry after {retryAfter} s.";
        return new ApiException(StatusCodes.Status429TooManyRequests, message) { RetryAfterSeconds = retryAfter };
    }
}
