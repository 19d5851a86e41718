using Microsoft.OpenApi;
using static HiveOrleans.Gateway.Docs.OpenApi.Schema;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The rerun shapes and a task's history (docs/api.md, "Reruns" and "Decision history") as OpenAPI components.</summary>
internal static class RerunSchemas
{
    private const string RerunExample = """
        {"rerun_id": "0193a9f2-7c1e-7b3a-9d1c-5e2f4a6b8c0d", "project_id": 3, "mode": "shadow", "status": "completed",
         "since": null, "until": "2025-02-01T00:00:00.000Z", "limit": null, "callbacks": false, "base_config_version": 7,
         "total": 12, "done": 12, "changed": 4, "newly_flagged": 4, "cleared": 0, "skipped": 0, "media_gone": 0,
         "heads": [{"head": "custom_blocklist", "from": 0, "to": 3, "direction": "newly_flagged", "count": 4}],
         "examples": ["0193a9f1-0000-7000-8000-000000000001"], "created_on": "2025-02-01T10:00:00.000Z",
         "updated_on": "2025-02-01T10:00:01.000Z", "finished_on": "2025-02-01T10:00:01.000Z", "error": null}
        """;

    public static void AddTo(OpenApiDocument document)
    {
        IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name, document);

        document.AddComponent("NewRerun", Object("A rerun to start.",
                ("mode", Enum("`shadow` reports; `apply` writes.", "shadow", "apply")),
                ("since", Time("The earliest submission time included; default the project's first task.", nullable: true)),
                ("until", Time("The submission time the window ends before; default now.", nullable: true)),
                ("config", Ref("ProjectSettings")),
                ("limit", Integer("The most tasks looked at, oldest first; default all.", nullable: true)),
                ("callbacks", Boolean("Apply mode only: send each changed task's callback again; default false.")))
            .Required("mode"));
        document.AddComponent("Rerun", Object("A rerun: what was asked, how far it has come, and the diff so far.",
                ("rerun_id", String("", "uuid")), ("project_id", Integer("")),
                ("mode", Enum("", "shadow", "apply")),
                ("status", Enum("", "running", "completed", "cancelled", "failed")),
                ("since", Time("", nullable: true)), ("until", Time("Fixed when the rerun started.")),
                ("limit", Integer("", nullable: true)), ("callbacks", Boolean("")),
                ("base_config_version", Integer("The project's configuration version the settings were merged over; applied results carry it.")),
                ("total", Integer("Tasks the rerun will look at; null while it counts its window, which it does in the background before looking at any (a start answers at once, however large the window).", nullable: true)),
                ("done", Integer("Tasks looked at.")),
                ("changed", Integer("Tasks whose verdict (per class the highest score over the output, every frame and OCR block included, as a level: a severity 0–3, a visual score 0–1 as 1 from 0.5 up; a matched custom class counting 3) would change, or did.")),
                ("newly_flagged", Integer("Changed tasks with no class above 0 before and one after (the NSFW head's `general_not_nsfw_not_suggestive`, `nsfwjs_neutral` and `nsfwjs_drawing` never flag).")),
                ("cleared", Integer("Changed tasks with a class above 0 before and none after.")),
                ("skipped", Integer("Tasks not finished, failed, waiting for review, failing in the model now, or with their media gone: left alone.")),
                ("media_gone", Integer("Of `skipped`, media tasks whose media the store no longer holds (`HiveOrleans:Media:RetentionDays` ran out).")),
                ("heads", Array(Object("", ("head", String("")), ("from", Integer("")), ("to", Integer("")),
                    ("direction", Enum("", "newly_flagged", "cleared", "raised", "lowered")), ("count", Integer(""))), "Per class and direction, most first.")),
                ("examples", Array(String("", "uuid"), "Changed task ids, oldest first; at most `HiveOrleans:Reruns:Examples` (20).")),
                ("created_on", Time("")), ("updated_on", Time("The last checkpoint.")), ("finished_on", Time("", nullable: true)),
                ("error", NullableString("Why it failed.")))
            .Example(RerunExample));
    }

    /// <summary>The Task object's <c>history</c> property (present only with <c>?history=true</c>).</summary>
    public static OpenApiSchema History() => Array(Object("One decision.",
            ("trigger", String("`submission`, `rerun:<rerun id>` or `review`.")),
            ("recorded_on", Time("When it was decided.")),
            ("config_version", Integer("The project's configuration version it was decided under.")),
            ("current", Boolean("True for the model run the task shows now.")),
            ("model", String("A model run: the model.")),
            ("model_version", String("A model run: the model's version.")),
            ("classes", Array(Object("", ("class", String("")), ("score", Number(""))), "A model run: per class, the highest score over the output.")),
            ("custom_classes", Array(String(""), "A model run: the custom classes that matched.")),
            ("text_filters", Array(Object("", ("value", String("")), ("start_index", Integer("")), ("end_index", Integer("")), ("type", String(""))), "A model run: its text filter hits.")),
            ("decision", String("A review: approve or reject.")),
            ("labels", Array(String(""), "A review: its labels.")),
            ("reason", NullableString("A review: its reason.")),
            ("reviewer_id", Integer("A review: who decided.", nullable: true))),
        "Ours, only with `?history=true`: the task's decisions, oldest first.");
}
