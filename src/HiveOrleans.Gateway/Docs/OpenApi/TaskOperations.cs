using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>Hive's task endpoints and the health probes, as the OpenAPI document describes them.</summary>
internal static class TaskOperations
{
    private const string Fields =
        "Send the fields as `multipart/form-data` (needed for a `media` file), `application/x-www-form-urlencoded` or " +
        "`application/json`: exactly one of `text_data` (text projects), `media` or `url` (visual projects), and optionally " +
        "`callback_url`, `metadata` and `idempotency_key`.";

    private static readonly ParameterDoc TaskIdInPath = new("id", ParameterLocation.Path, "The task's id, from the acknowledgement or the Task object.", JsonSchemaType.String, Examples.TaskId) { Required = true, Format = "uuid" };

    private static readonly ParameterDoc[] FramePage =
    [
        new("frame_offset", ParameterLocation.Query, "The first `output` entry to return (video and GIF outputs are long); default 0.", JsonSchemaType.Integer, "0"),
        new("frame_limit", ParameterLocation.Query, "How many `output` entries to return; default 200. `input.media.num_frames` says how many there are.", JsonSchemaType.Integer, "200"),
    ];

    private static readonly ParameterDoc History = new("history", ParameterLocation.Query,
        "Ours: `true` adds `history`, the task's decisions (its model runs, reruns applied to it and a review), oldest first; default `false`.", JsonSchemaType.Boolean, "true");

    public static IEnumerable<(string Route, OperationDoc Doc)> All()
    {
        foreach (var operation in Submissions("v2"))
        {
            yield return operation;
        }

        yield return ("GET /api/v2/task/{id}", new OperationDoc(
            "Get a task",
            "The Task object as it stands now, in progress or finished. Another project's task is 404, like one that does not exist.")
        {
            Caller = Caller.Project,
            Parameters = [TaskIdInPath, .. FramePage, History],
            Reply = new(200, "The Task object.", "Task", Examples.TextTask),
            Failures = Failures.Read,
        });
        yield return ("POST /api/v2/task/{id}/resend", new OperationDoc(
            "Send a task's callback again",
            "Sends the finished Task object to its `callback_url` once more; that payload carries `resent_on` and `resent_by: \"api\"`.")
        {
            Caller = Caller.Project,
            Parameters = [TaskIdInPath],
            Reply = new(200, "The callback is on its way.", "Resend", Examples.Resend),
            Failures = Failures.Resend,
        });
        yield return ("GET /api/v2/task/{id}/events", new OperationDoc(
            "Follow a task's status as Server-Sent Events",
            "A `text/event-stream`: one `status` event per change (the current status first), then a `task` event with the finished " +
            "Task object, and the stream ends. While a speech task is processing, each segment heard is a `status` event of its own " +
            "carrying `progress` (`unit`, `done`, `total`), as the Task object does. A comment line every 15 s keeps proxies from closing it.")
        {
            Caller = Caller.Project,
            Parameters = [TaskIdInPath],
            Reply = new(200, "The event stream.", null, Examples.Events) { ContentType = "text/event-stream" },
            Failures = [.. Failures.ProjectKey, Failures.TaskNotFound, Failures.Unavailable],
        });
        foreach (var operation in Submissions("v1"))
        {
            yield return operation;
        }

        yield return ("GET /healthz", new OperationDoc("Is the process up", "Answers as long as the gateway's web server does; no cluster call.")
        {
            Reply = new(200, "Up.", null, """{"status": "ok"}"""),
        });
        yield return ("GET /readyz", new OperationDoc("Is the service ready", "A silo answers and can round-trip the store (within 5 s); 503 otherwise.")
        {
            Reply = new(200, "Ready.", null, """{"status": "ready"}"""),
            Failures = [new(503, "No silo answered, or the store could not be reached.", "Not ready: the cluster or its store cannot be reached (TimeoutException).") { RetryAfter = true }],
        });
    }

    /// <summary>Submit and fetch-by-query, under v2 and under their v1 aliases.</summary>
    private static IEnumerable<(string Route, OperationDoc Doc)> Submissions(string version)
    {
        var alias = version == "v1" ? " (the v1 alias of the same endpoint)" : "";
        yield return ($"POST /api/{version}/task/sync", new OperationDoc(
            "Submit a task and wait for its result" + alias,
            "Runs the task and answers with the finished Task object. For model-only projects; a manual-review project gets 400 and must use async. " +
            "When the project's sync timeout (20 s by default) passes first, the answer is 504 with the `task_id`: the task goes on and can be fetched.\n\n" + Fields)
        {
            Caller = Caller.Project,
            TaskBody = true,
            Reply = new(200, "The finished Task object; `status[0].response.output[0].classes` holds the result.", "Task", Examples.TextTask),
            Failures = Failures.Sync,
        });
        yield return ($"POST /api/{version}/task/async", new OperationDoc(
            "Submit a task; get the result at callback_url" + alias,
            "Answers at once with an acknowledgement, sent only after the task is durably stored. The finished Task object is POSTed " +
            "to `callback_url`, signed the Standard Webhooks way and retried for at least 24 h (docs/callbacks.md). " +
            "The same `idempotency_key` from the same project within 24 h returns the first task, with no second charge or callback.\n\n" + Fields)
        {
            Caller = Caller.Project,
            TaskBody = true,
            Reply = new(200, "The acknowledgement: the task is stored and queued.", "Acknowledgement", Examples.Acknowledgement),
            Failures = Failures.Submission,
        });
        yield return ($"GET /api/{version}/task", new OperationDoc(
            "Get a task by task_id" + alias,
            "The Task object as it stands now, in progress or finished. Another project's task is 404, like one that does not exist.")
        {
            Caller = Caller.Project,
            Parameters = [new("task_id", ParameterLocation.Query, "The task's id.", JsonSchemaType.String, Examples.TaskId) { Required = true, Format = "uuid" }, .. FramePage],
            Reply = new(200, "The Task object.", "Task", Examples.TextTask),
            Failures = Failures.Read,
        });
    }
}
