using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Auth;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// <c>GET /api/v2/task/{id}/events</c>: a task's status changes as Server-Sent Events, for browsers and dashboards.
/// One <c>status</c> event per change (the current status first), then a <c>task</c> event with the finished Task
/// object, and the stream ends. A comment line every <see cref="Heartbeat"/> keeps proxies from closing it.
/// </summary>
internal static class TaskEventsApi
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapTaskEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v2/task/{id}/events", StreamAsync).WithTags("Tasks").WithName("TaskEvents");
        return routes;
    }

    private static async Task StreamAsync(string id, HttpContext context, ApiKeyAuthenticator auth, IGrainFactory grains, TimeProvider time)
    {
        var project = await auth.AuthenticateAsync(context.Request);
        if (!Guid.TryParse(id, out var taskId))
        {
            throw ApiException.TaskNotFound();
        }

        var grain = grains.GetGrain<ITaskGrain>(taskId);
        var task = await grain.GetAsync();
        if (task is null || task.Submission.ProjectId != project.ProjectId)
        {
            throw ApiException.TaskNotFound();
        }

        var sink = new TaskEventSink();
        var observer = grains.CreateObjectReference<ITaskObserver>(sink);
        var aborted = context.RequestAborted;
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";

            var sequence = 0;
            TaskPhase? last = null;
            TaskProgress? lastProgress = null;
            async Task SendIfNewAsync(TaskEvent? taskEvent)
            {
                // A new phase is news, and so is a long model run's progress (speech) within one.
                if (taskEvent is not null && (taskEvent.Phase != last || taskEvent.Progress != lastProgress))
                {
                    last = taskEvent.Phase;
                    lastProgress = taskEvent.Progress;
                    await WriteStatusAsync(context.Response, taskEvent, ++sequence, aborted);
                }
            }

            await SendIfNewAsync(await grain.SubscribeAsync(observer));
            var renewAt = time.GetUtcNow() + TaskObservation.RenewEvery;
            while (last is not (TaskPhase.Succeeded or TaskPhase.Failed))
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(Heartbeat);
                try
                {
                    await SendIfNewAsync(await sink.Events.ReadAsync(wait.Token));
                    continue;
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", aborted);
                    await context.Response.Body.FlushAsync(aborted);
                }

                // Quiet for a while: renew the subscription, and catch up on anything missed if the task moved silos.
                if (time.GetUtcNow() >= renewAt)
                {
                    await SendIfNewAsync(await grain.SubscribeAsync(observer));
                    renewAt = time.GetUtcNow() + TaskObservation.RenewEvery;
                }
                else if (await grain.GetAsync() is { } now && now.Phase != last)
                {
                    await SendIfNewAsync(await grain.SubscribeAsync(observer));
                }
            }

            var finished = await grain.GetAsync();
            await context.Response.WriteAsync($"event: task\nid: {++sequence}\ndata: ", aborted);
            await context.Response.Body.WriteAsync(TaskDocument.ToUtf8Bytes(finished!), aborted);
            await context.Response.WriteAsync("\n\n", aborted);
            await context.Response.Body.FlushAsync(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            grains.DeleteObjectReference<ITaskObserver>(observer);
            await grain.UnsubscribeAsync(observer);
        }
    }

    private static async Task WriteStatusAsync(HttpResponse response, TaskEvent taskEvent, int sequence, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, TaskStatusEventDocument.From(taskEvent), WireJson.Context.TaskStatusEventDocument);
        }

        await response.WriteAsync($"event: status\nid: {sequence}\ndata: ", cancellationToken);
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await response.WriteAsync("\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
