using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>Batch submission and a batch's progress, as the OpenAPI document describes them; docs/api.md has the same in prose.</summary>
internal static class BatchOperations
{
    public const string AcknowledgementExample = """
        {"batch_id": "0193a5a2-7c1e-7d3a-9a43-1f0c2b7d5e10", "accepted": 2, "rejected": 1,
         "items": [{"task_id": "0193a5a2-7c1f-7b21-8f0e-5d1c3a9e4b27"},
                   {"error": {"return_code": 400, "message": "'text_data' is empty."}},
                   {"task_id": "0193a5a2-7c1f-7b21-8f0e-5d1c3a9e4b28"}]}
        """;

    public const string BatchExample = """
        {"batch_id": "0193a5a2-7c1e-7d3a-9a43-1f0c2b7d5e10", "project_id": 3, "status": "in_progress", "created_on": "2025-01-31T12:00:00.000Z",
         "items": 3, "accepted": 2, "rejected": 1, "pending": 1, "processing": 0, "succeeded": 1, "failed": 0, "callback_url": null}
        """;

    private static readonly Failure[] Submission =
    [
        .. Failures.ProjectKey,
        new(403, "The project is disabled.", "This project is disabled and accepts no new tasks."),
        new(400, "A JSON body that is not an array of items, is empty or is not valid JSON; a bad batch `callback_url`.", "The JSON body must be an array of items; to send more than 1000, send application/x-ndjson."),
        new(413, "A JSON array of more than 1,000 items, or a body over its limit (64 MiB JSON, 1 GiB NDJSON) by its Content-Length.", "The batch has 1001 items; a JSON body takes at most 1000. Send application/x-ndjson for up to 100000 lines."),
        new(415, "A content type other than `application/json` or `application/x-ndjson`.", "Content type 'text/plain' is not supported for a batch; send application/json (an array of items) or application/x-ndjson (one item per line)."),
        Failures.Unavailable,
    ];

    public static IEnumerable<(string Route, OperationDoc Doc)> All()
    {
        yield return ("POST /api/v2/task/batch", new OperationDoc(
            "Submit many tasks in one request",
            "Ours, not Hive's. The body is a JSON array of up to 1,000 items, or `application/x-ndjson` with one item per line, up to 100,000 lines " +
            "(read as it streams in). Each item is an object of the async submission's JSON fields: exactly one of `text_data` or `url` " +
            "(`media` uploads cannot be batched), and optionally `metadata`, `callback_url` and `idempotency_key`. Every item is checked like a single " +
            "async submission and counts against the project's rate limit and daily quota on its own. The answer lists one entry per item in order: " +
            "`{\"task_id\"}`, or `{\"error\": {\"return_code\", \"message\"}}` with the status a single submission would have got (a malformed line is " +
            "that item's 400; items past the quota get 429); one bad item never fails the others. It is sent after every accepted item is durably " +
            "stored. The optional query parameter `callback_url` receives one signed POST when every task of the batch has finished.")
        {
            Caller = Caller.Project,
            BatchBody = true,
            Parameters = [new("callback_url", ParameterLocation.Query, "Where one signed POST goes when every task of the batch has finished (http or https).", JsonSchemaType.String, "https://your.service/batch-done") { Format = "uri" }],
            Reply = new(200, "One entry per item, in order.", "BatchAcknowledgement", AcknowledgementExample),
            Failures = Submission,
        });
        yield return ("GET /api/v2/batch/{id}", new OperationDoc(
            "Get a batch's progress",
            "Counts of the batch's tasks by status, counted from the tasks themselves when asked. Another project's batch is 404, like one that does not exist.")
        {
            Caller = Caller.Project,
            Parameters = [new("id", ParameterLocation.Path, "The batch's id, from its acknowledgement.", JsonSchemaType.String, "0193a5a2-7c1e-7d3a-9a43-1f0c2b7d5e10") { Required = true, Format = "uuid" }],
            Reply = new(200, "The batch's progress.", "Batch", BatchExample),
            Failures = [.. Failures.ProjectKey, new(404, "An unknown batch id, or another project's batch.", "Batch not found."), Failures.Unavailable],
        });
    }
}
