using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Auth;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Storage.Media;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Rules;

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
            api.MapPost("/sync", SubmitAndWaitAsync).WithName($"SubmitSync{version}");
            api.MapPost("/async", SubmitAndAcknowledgeAsync).WithName($"SubmitAsync{version}");
            api.MapGet("", GetByQueryAsync).WithName($"GetTaskByQuery{version}");
        }

        routes.MapGet("/api/v2/task/{id}", GetAsync).WithTags("Tasks").WithName("GetTask");
        routes.MapPost("/api/v2/task/{id}/resend", ResendAsync).WithTags("Tasks").WithName("ResendCallback");
        return routes;
    }

    private static async Task<IResult> SubmitAndAcknowledgeAsync(
        HttpContext context, ApiKeyAuthenticator auth, TaskAdmission admission, IMediaStore media)
    {
        var project = await auth.AuthenticateForSubmissionAsync(context.Request);
        admission.RefuseUploadOverQuota(context.Request, project);
        var request = await TaskRequestReader.ReadAsync(context.Request, project, media, context.RequestAborted);
        var task = await admission.SubmitAsync(project, request, TaskMode.Async, context.RequestAborted);
        return new JsonWriterResult(StatusCodes.Status200OK, writer => AcknowledgementDocument.Write(writer, task));
    }

    private static async Task<IResult> SubmitAndWaitAsync(
        HttpContext context, ApiKeyAuthenticator auth, TaskAdmission admission, TaskCalls calls, IMediaStore media, TimeProvider time)
    {
        var project = await auth.AuthenticateForSubmissionAsync(context.Request);
        SubmissionRules.CheckSyncAllowed(project);

        admission.RefuseUploadOverQuota(context.Request, project);
        var request = await TaskRequestReader.ReadAsync(context.Request, project, media, context.RequestAborted);
        var deadline = time.GetUtcNow() + project.SyncTimeout;

        // The first wait rides on the submission itself: one grain call for a task that finishes within a slice.
        var task = await admission.SubmitAsync(
            project, request, TaskMode.Sync, context.RequestAborted, project.SyncTimeout < WaitSlice ? project.SyncTimeout : WaitSlice);
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

    private static Task<IResult> GetAsync(string id, HttpContext context, ApiKeyAuthenticator auth, TaskCalls calls, IGrainFactory grains) =>
        GetTaskAsync(id, context, auth, calls, grains);

    private static Task<IResult> GetByQueryAsync(HttpContext context, ApiKeyAuthenticator auth, TaskCalls calls, IGrainFactory grains) =>
        GetTaskAsync(context.Request.Query["task_id"].ToString(), context, auth, calls, grains);

    private static async Task<IResult> GetTaskAsync(string id, HttpContext context, ApiKeyAuthenticator auth, TaskCalls calls, IGrainFactory grains)
    {
        var project = await auth.AuthenticateAsync(context.Request);
        var (offset, limit) = ReadFramePage(context.Request.Query);
        var withHistory = ReadHistoryFlag(context.Request.Query);
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

        if (withHistory)
        {
            var history = await grains.GetGrain<ITaskGrain>(taskId).GetHistoryAsync() ?? throw ApiException.TaskNotFound();
            return new JsonWriterResult(StatusCodes.Status200OK, writer => TaskDocument.Write(writer, task, offset, limit, history));
        }

        return TaskResult(task, offset, limit);
    }

    /// <summary>Ours: <c>history=true</c> adds the task's decisions (<c>history</c>); absent or <c>false</c>, the plain Task object.</summary>
    private static bool ReadHistoryFlag(IQueryCollection query) => query["history"].ToString() switch
    {
        "" or "false" => false,
        "true" => true,
        _ => throw ApiException.BadRequest("'history' must be true or false."),
    };

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
