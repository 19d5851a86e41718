using HiveOrleans.Wire.Rules;
using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire;
using HiveOrleans.Abstractions.Quotas;
using HiveOrleans.Gateway.Auth;
using HiveOrleans.Gateway.Quotas;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Storage.Media;

namespace HiveOrleans.Gateway.Api;

/// <summary>Hive's task endpoints. They authenticate, read and check the request, and hand the task to its grain.</summary>
internal static class TaskApi
{
    /// <summary>The longest single grain call a sync request makes while it waits; it calls again until its deadline.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapTaskApi(this IEndpointRouteBuilder routes)
    {
        foreach (var version in new[] { "v1", "v2" })
        {
            var api = routes.MapGroup($"/api/{version}/task").WithTags("Tasks");
            api.MapPost("/sync", SubmitSyncAsync).WithName($"SubmitSync{version}");
            api.MapPost("/async", SubmitAsyncAsync).WithName($"SubmitAsync{version}");
            api.MapGet("", GetByQueryAsync).WithName($"GetTaskByQuery{version}");
        }

        routes.MapGet("/api/v2/task/{id}", GetAsync).WithTags("Tasks").WithName("GetTask");
        routes.MapPost("/api/v2/task/{id}/resend", ResendAsync).WithTags("Tasks").WithName("ResendCallback");
        return routes;
    }

    private static async Task<IResult> SubmitAsyncAsync(
        HttpContext context, ApiKeyAuthenticator auth, QuotaLimiter quotas, IGrainFactory grains, TaskCalls calls, IMediaStore media, TimeProvider time)
    {
        var project = await auth.AuthenticateForSubmissionAsync(context.Request);
        RefuseUploadOverQuota(context.Request, quotas, project);
        var request = await TaskRequestReader.ReadAsync(context.Request, project, media, context.RequestAborted);
        var task = await SubmitAsync(grains, calls, quotas, project, request, TaskMode.Async, time, context.RequestAborted);
        return new JsonWriterResult(StatusCodes.Status200OK, writer => AcknowledgementDocument.Write(writer, task));
    }

    private static async Task<IResult> SubmitSyncAsync(
        HttpContext context, ApiKeyAuthenticator auth, QuotaLimiter quotas, IGrainFactory grains, TaskCalls calls, IMediaStore media, TimeProvider time)
    {
        var project = await auth.AuthenticateForSubmissionAsync(context.Request);
        SubmissionRules.CheckSyncAllowed(project);

        RefuseUploadOverQuota(context.Request, quotas, project);
        var request = await TaskRequestReader.ReadAsync(context.Request, project, media, context.RequestAborted);
        var deadline = time.GetUtcNow() + project.SyncTimeout;

        // The first wait rides on the submission itself: one grain call for a task that finishes within a slice.
        var task = await SubmitAsync(
            grains, calls, quotas, project, request, TaskMode.Sync, time, context.RequestAborted, project.SyncTimeout < WaitSlice ? project.SyncTimeout : WaitSlice);
        while (!task.IsFinished)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new ApiException(StatusCodes.Status504GatewayTimeout,
                    $"The task did not finish within {project.SyncTimeout.TotalSeconds:0.#} s; it goes on and can be fetched by its task_id.")
                {
                    TaskId = task.TaskId,
                };
            }

            context.RequestAborted.ThrowIfCancellationRequested();
            task = await calls.WaitForCompletionAsync(task.TaskId, left < WaitSlice ? left : WaitSlice, context.RequestAborted) ?? task;
        }

        return TaskResult(task, 0, TaskDocument.DefaultFrameLimit);
    }

    private static Task<IResult> GetAsync(string id, HttpContext context, ApiKeyAuthenticator auth, TaskCalls calls) =>
        GetTaskAsync(id, context, auth, calls);

    private static Task<IResult> GetByQueryAsync(HttpContext context, ApiKeyAuthenticator auth, TaskCalls calls) =>
        GetTaskAsync(context.Request.Query["task_id"].ToString(), context, auth, calls);

    private static async Task<IResult> GetTaskAsync(string id, HttpContext context, ApiKeyAuthenticator auth, TaskCalls calls)
    {
        var project = await auth.AuthenticateAsync(context.Request);
        var (offset, limit) = ReadFramePage(context.Request.Query);
        if (!Guid.TryParse(id, out var taskId))
        {
            throw ApiException.TaskNotFound();
        }

        var task = await calls.GetAsync(taskId, context.RequestAborted);

        // Another project's task is answered exactly like a task that does not exist: its existence is not disclosed.
        if (task is null || task.Submission.ProjectId != project.ProjectId)
        {
            throw ApiException.TaskNotFound();
        }

        return TaskResult(task, offset, limit);
    }

    private static async Task<IResult> ResendAsync(string id, HttpContext context, ApiKeyAuthenticator auth, IGrainFactory grains)
    {
        var project = await auth.AuthenticateAsync(context.Request);
        if (!Guid.TryParse(id, out var taskId))
        {
            throw ApiException.TaskNotFound();
        }

        // Ownership is checked before anything changes: another project's task is "not found", and stays untouched.
        var grain = grains.GetGrain<ITaskGrain>(taskId);
        var existing = await grain.GetAsync();
        if (existing is null || existing.Submission.ProjectId != project.ProjectId)
        {
            throw ApiException.TaskNotFound();
        }

        var task = await grain.ResendCallbackAsync(ResentBy.Api) ?? throw ApiException.TaskNotFound();
        return ResendResult(task);
    }

    /// <summary>The answer to a resend: the task id and when it was resent; the callback itself follows.</summary>
    internal static WireJsonResult<ResendDocument> ResendResult(TaskSnapshot task) =>
        WireJsonResult.Ok(ResendDocument.From(task), WireJson.Context.ResendDocument);

    /// <summary>
    /// Admits the request under the project's limits, then hands the task to its grain. A request that repeats an
    /// idempotency key gets the key's first task back, with no second charge and no second callback.
    /// </summary>
    private static async Task<TaskSnapshot> SubmitAsync(
        IGrainFactory grains,
        TaskCalls calls,
        QuotaLimiter quotas,
        ProjectConfig project,
        SubmissionFields request,
        TaskMode mode,
        TimeProvider time,
        CancellationToken aborted,
        TimeSpan? wait = null)
    {
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

        var submission = new TaskSubmission
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
            Thresholds = project.Thresholds.Count > 0 ? project.Thresholds : null,
            HasCustomLists = project.Blocklist.Count > 0 || project.Allowlist.Count > 0,
            Media = request.Media,
            Url = request.Url,
            FrameRate = project.FrameRate,
            HashBanks = project.HashBanks,
            MaxMediaBytes = project.MaxBodyBytes,
        };

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
    private static void RefuseUploadOverQuota(HttpRequest request, QuotaLimiter quotas, ProjectConfig project)
    {
        if (MultipartTaskReader.IsMultipart(request) && quotas.KnownRefusal(project) is { } refusal)
        {
            quotas.RecordRejected(project.ProjectId);
            throw QuotaExceeded(project, refusal);
        }
    }

    private static ApiException QuotaExceeded(ProjectConfig project, QuotaDecision decision)
    {
        var retryAfter = (int)Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds));
        var message = decision.LimitedBy == QuotaLimits.Daily
            ? $"This project's daily quota of {project.DailyQuota} tasks is used up; it resets at 00:00 UTC."
            : $"This project's rate limit of {project.RateLimit?.PerSecond:0.###} requests per second (burst {project.RateLimit?.Burst}) is exceeded; retry after {retryAfter} s.";
        return new ApiException(StatusCodes.Status429TooManyRequests, message) { RetryAfterSeconds = retryAfter };
    }

    private static JsonWriterResult TaskResult(TaskSnapshot task, int offset, int limit) =>
        new(StatusCodes.Status200OK, writer => TaskDocument.Write(writer, task, offset, limit));

    private static (int Offset, int Limit) ReadFramePage(IQueryCollection query) =>
        (ReadNonNegative(query, "frame_offset", 0), ReadNonNegative(query, "frame_limit", TaskDocument.DefaultFrameLimit));

    private static int ReadNonNegative(IQueryCollection query, string name, int fallback)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"'{name}' must be a whole number of zero or more.");
    }
}
