using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The rerun endpoints as the OpenAPI document describes them; docs/api.md ("Reruns") has the same in prose.</summary>
internal static class RerunOperations
{
    private const string StartExample = """
        {"mode": "shadow", "since": "2025-01-01T00:00:00Z", "until": "2025-02-01T00:00:00Z",
         "config": {"blocklist": ["zorblax"], "thresholds": {"violence": 2}}, "limit": 100000}
        """;

    private static readonly ParameterDoc ProjectId = new("id", ParameterLocation.Path, "The project's id.", JsonSchemaType.Integer, "3") { Required = true };

    private static readonly ParameterDoc RerunId = new("id", ParameterLocation.Path, "The rerun's id.", JsonSchemaType.String, "0193a9f2-7c1e-7b3a-9d1c-5e2f4a6b8c0d") { Required = true };

    private static readonly Failure NotFound = new(404, "No rerun with this id.", "Rerun not found.");

    private static readonly Failure BadRerun = new(400,
        "A missing or unknown `mode`, `since` not before `until`, `callbacks` outside apply mode, or settings the project would refuse: named in the message.",
        "'mode' is required: \"shadow\" or \"apply\".");

    public static IEnumerable<(string Route, OperationDoc Doc)> All()
    {
        yield return ("POST /admin/v1/projects/{id}/rerun", Operator("Rerun a project's stored tasks",
            "Runs the project's stored tasks submitted in `[since, until)` (oldest first, at most `limit`) again under its settings merged with " +
            "`config` (the fields PATCH takes; the project itself is not changed), in the background: text through the text engine, and for a visual, " +
            "OCR or speech project each task whose media is still stored through its project's model (`media_gone` counts those whose media is not). " +
            "`shadow` changes nothing callers see and " +
            "reports how many verdicts would change, by head and direction, with example task ids; `apply` writes each changed result into its task, " +
            "the previous one kept in the task's `history`, and sends the callback again only with `\"callbacks\": true`. It survives restarts and " +
            "shares the silo with live traffic at a bounded rate (`HiveOrleans:Reruns`).",
            new(202, "The rerun, started.", "Rerun"), [.. Failures.Operator, Failures.ProjectNotFound, BadRerun, new(415, "A body that is not `application/json`.", "Send the rerun as application/json.")], ProjectId)
            .WithJsonBody("NewRerun", StartExample));
        yield return ("GET /admin/v1/reruns/{id}", Operator("Get a rerun",
            "Its status, `done` of `total`, and the diff so far.",
            new(200, "The rerun.", "Rerun"), [.. Failures.Operator, NotFound], RerunId));
        yield return ("POST /admin/v1/reruns/{id}/cancel", Operator("Cancel a rerun",
            "Stops a running rerun; what it applied stays applied and its report stays readable. A finished rerun is answered as it is.",
            new(200, "The rerun.", "Rerun"), [.. Failures.Operator, NotFound], RerunId));
        yield return ("DELETE /admin/v1/reruns/{id}", Operator("Cancel a rerun (DELETE)",
            "The same as `POST /admin/v1/reruns/{id}/cancel`.",
            new(200, "The rerun.", "Rerun"), [.. Failures.Operator, NotFound], RerunId));
    }

    private static OperationDoc Operator(string summary, string description, Reply reply, Failure[] failures, params ParameterDoc[] parameters) =>
        new(summary, description) { Caller = Caller.Operator, Reply = reply, Failures = failures, Parameters = parameters };
}
