using Microsoft.OpenApi;
using static HiveOrleans.Gateway.Docs.OpenApi.Schema;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>Batch submission's shapes (docs/api.md, "Batches"), as components of the OpenAPI document.</summary>
internal static class BatchSchemas
{
    public const string JsonItemsExample = """
        [{"text_data": "have a lovely day", "metadata": "post-1"},
         {"text_data": "see you at the match", "callback_url": "https://your.service/hive-callback", "idempotency_key": "post-2"}]
        """;

    public const string NdjsonExample = "{\"text_data\": \"have a lovely day\", \"metadata\": \"post-1\"}\n{\"text_data\": \"see you at the match\", \"metadata\": \"post-2\"}\n";

    public static void AddTo(OpenApiDocument document)
    {
        IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name, document);

        document.AddComponent("BatchItems", Array(Ref("TaskSubmission"), "Up to 1,000 items, each the JSON fields of an async submission (no `media`)."));
        var error = Object("Why the item was refused: what a single submission of it would have got.",
            ("return_code", Integer("The HTTP status.")), ("message", String("")));
        document.AddComponent("BatchAcknowledgement", Object("The answer to a batch, sent once every accepted item is durably stored.",
                ("batch_id", String("For `GET /api/v2/batch/{id}`.", "uuid")),
                ("accepted", Integer("Items that became tasks.")),
                ("rejected", Integer("Items refused.")),
                ("items", Array(Object("One per item, in order: `task_id` or `error`.", ("task_id", String("", "uuid")), ("error", error)), "")))
            .Example(BatchOperations.AcknowledgementExample));
        document.AddComponent("Batch", Object("A batch's progress.",
                ("batch_id", String("", "uuid")), ("project_id", Integer("")),
                ("status", Enum("`receiving` while its request is being read, then `in_progress`, then `finished` once every task has finished.", "receiving", "in_progress", "finished")),
                ("created_on", Time("")),
                ("items", Integer("Items the request carried; null while it is being read.", nullable: true)),
                ("accepted", Integer("Items that became tasks.")),
                ("rejected", Integer("Items refused; null while the request is being read.", nullable: true)),
                ("pending", Integer("Tasks not yet started.")), ("processing", Integer("Tasks being processed or waiting for a reviewer.")),
                ("succeeded", Integer("Tasks finished with a result.")), ("failed", Integer("Tasks finished with an error.")),
                ("callback_url", NullableString("Where the batch callback goes.", "uri")))
            .Example(BatchOperations.BatchExample));
    }
}
