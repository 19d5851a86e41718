using Microsoft.OpenApi;
using static HiveOrleans.Gateway.Docs.OpenApi.Schema;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The reviewer API's and the audit log's shapes (docs/api.md, "Reviewer API" and "Audit"), as components of the OpenAPI document.</summary>
internal static class ReviewSchemas
{
    public static void AddTo(OpenApiDocument document)
    {
        IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name, document);

        document.AddComponent("ReviewSignIn", Object("", ("token", String("The reviewer's token.")))
            .Required("token").Example("""{"token": "<reviewer token>"}"""));
        document.AddComponent("ReviewSession", Object("Who is signed in.",
                ("reviewer_id", Integer("")), ("name", String("")), ("projects", Array(Integer(""), "In id order.")), ("roles", Array(String(""), "")),
                ("csrf_token", NullableString("Send as `x-csrf-token` on state-changing requests made with the cookie; null for a Bearer token.")),
                ("expires_on", Time("When the session ends; null for a Bearer token.", nullable: true)))
            .Example("""
                {"reviewer_id": 1, "name": "Ada", "projects": [1], "roles": ["reviewer"], "csrf_token": "<csrf token>",
                 "expires_on": "2026-12-07T18:50:00.000Z"}
                """));
        document.AddComponent("ReviewQueueList", Object("", ("queues", Array(Object("One queue the reviewer may work.",
                ("project_id", Integer("")), ("project_name", String("")), ("queue", Enum("", "main", "escalated")),
                ("pending", Integer("Tasks waiting, leased ones included.")), ("leased", Integer("Held by a reviewer now.")),
                ("oldest_pending_on", Time("When the oldest waiting task entered the queue; null when empty.", nullable: true)),
                ("oldest_pending_age_seconds", Integer("How long it has waited; null when empty.", nullable: true)),
                ("labels", Array(String(""), "What a rejection in this project may name."))), "")))
            .Example("""
                {"queues": [{"project_id": 1, "project_name": "chat", "queue": "main", "pending": 12, "leased": 2,
                  "oldest_pending_on": "2026-12-07T06:00:00.000Z", "oldest_pending_age_seconds": 540, "labels": ["violence", "bullying"]}]}
                """));
        document.AddComponent("ReviewGrant", Object("A claimed task and its lease.",
            ("task", Ref("Task")),
            ("lease_token", String("Name it in renew, release and decision.", "uuid")),
            ("lease_expires_on", Time("When the lease runs out unless renewed.")),
            ("queue", Enum("", "main", "escalated")),
            ("queued_on", Time("When the task entered the queue.")),
            ("labels", Array(String(""), "What a rejection may name."))));
        document.AddComponent("ReviewLeaseToken", Object("", ("lease_token", String("The lease token the claim gave.", "uuid")))
            .Required("lease_token").Example("""{"lease_token": "0197a3c1-5a1e-7000-8000-00000000c1a1"}"""));
        document.AddComponent("ReviewLease", Object("", ("lease_expires_on", Time(""))));
        document.AddComponent("ReviewDecision", Object("",
                ("lease_token", String("The lease token the claim gave.", "uuid")),
                ("decision", Enum("", "approve", "reject", "escalate")),
                ("labels", Array(String(""), "For `reject`: one or more of the project's labels.")),
                ("reason", String("Required for `reject`.")))
            .Required("lease_token", "decision")
            .Example("""{"lease_token": "0197a3c1-5a1e-7000-8000-00000000c1a1", "decision": "reject", "labels": ["bullying"], "reason": "intimidation"}"""));
        document.AddComponent("ReviewedTask", Object("", ("task", Ref("Task"))));
        document.AddComponent("ReviewAuditPage", Object("",
                ("entries", Array(Object("One thing that happened in review.",
                    ("seq", Integer("Its place in the log.")), ("at", Time("")),
                    ("action", Enum("", "claim", "renew", "release", "expire", "decide", "escalate", "timeout")),
                    ("project_id", Integer("")), ("task_id", String("", "uuid")), ("queue", Enum("", "main", "escalated")),
                    ("reviewer_id", Integer("Null for a time-out.", nullable: true)), ("lease_token", NullableString("", "uuid")),
                    ("detail", Any("A decision's labels and reason, as a JSON object; null if nothing."))), "Oldest first.")),
                ("next_after", Integer("Pass as `after` for the next page; null on the last page.", nullable: true)))
            .Example("""
                {"entries": [{"seq": 41, "at": "2026-12-07T06:01:02.003Z", "action": "decide", "project_id": 1,
                  "task_id": "0197a3c1-0000-7000-8000-000000000001", "queue": "main", "reviewer_id": 1,
                  "lease_token": "0197a3c1-5a1e-7000-8000-00000000c1a1", "detail": {"decision": "reject", "labels": ["bullying"], "reason": "intimidation"}}],
                 "next_after": null}
                """));
    }
}
