using Microsoft.OpenApi;
using static HiveOrleans.Gateway.Docs.OpenApi.Schema;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The operator API's shapes (docs/api.md, "Operator API"), as components of the OpenAPI document.</summary>
internal static class OperatorSchemas
{
    public static void AddTo(OpenApiDocument document)
    {
        IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name, document);

        document.AddComponent("ProjectSettings", Object(
                "A project's settings. Create takes them all (`name` and `model_type` required); update only the fields given, and never `model_type`.",
                ("name", String("1–200 characters.")),
                ("model_type", String("Create only: `text`, `visual` or `speech` in this version; it never changes.")),
                ("review", Enum("Default `model_only`. A `manual_review` project takes async tasks only and sends them to reviewers by its `review_*` settings (docs/review.md); switching back to `model_only` drops those settings.", "model_only", "manual_review")),
                ("user_id", Integer("Positive; default 1.")),
                ("sync_timeout_seconds", Number("1–300; default 20.")),
                ("max_text_length", Integer("1–100000 characters; default 1024.")),
                ("max_body_bytes", Integer("1024–104857600; default 20971520.")),
                ("thresholds", Map(Number(""), "Class → threshold: scores below it are reported as 0. Text: whole severities 0–3 on the heads; visual: scores 0–1 on the classes of the NSFW classifier and of the registered models the project runs. Replaces the whole map.")),
                ("rate_limit", NullableObject("Tasks per second with a burst; `null` removes it.", ("per_second", Number("0.001–1000000.")), ("burst", Integer("1–10000000; default per_second rounded up.")))),
                ("daily_quota", Integer("Tasks per UTC day, at least 1; `null` removes it.", nullable: true)),
                ("charge_per_task", Number("0–1000000; default 1. Recorded in `input.charge`, summed in usage.")),
                ("config_tag", NullableString("Up to 100 characters; results carry it.")),
                ("blocklist", Array(String(""), "Text and OCR projects (and visual projects running `ocr`): up to 10,000 terms reported as `custom_blocklist`. Replaces the whole list.")),
                ("allowlist", Array(String(""), "Text projects: terms the built-in lexicons never flag.")),
                ("frame_rate", Number("Visual projects: frames sampled per second of video or GIF, above 0 and at most 30; default 1.")),
                ("hash_banks", Array(String(""), "Visual projects: up to 50 names of banks to match against.")),
                ("visual_models", Array(String(""), "Visual projects: the models run on each image and frame, from `nsfw` (the built-in NSFW classifier), `hash_banks` (PDQ matching), `ocr` (text read with tesseract, judged by the text engine) and registered models (`/admin/v1/models`); default `[\"nsfw\", \"hash_banks\"]` with banks, else `[\"nsfw\"]`; `null` puts back the default. An unknown name or an empty list is 400.")),
                ("ocr_languages", Array(String(""), "OCR projects and visual projects running `ocr`: the tesseract languages read (`eng`, `deu`, `chi_sim`, …; 1 to 4); default `[\"eng\"]`; `null` puts back the default. A language not installed on the silos is 400 naming its Debian package (`tesseract-ocr-<lang>`).")),
                ("review_when", Any("Manual-review projects only (else 400), as are the other `review_*` settings: `\"always\"` (default; `null` too) to review every task, or class → minimum severity 0–3 (`{\"violence\": 2}`) to review only tasks the model scored at least that high. Classes are the project's heads; a visual project has none, so only `\"always\"`.")),
                ("review_sample", Number("0–1, default 0 (`null` too): the share of the tasks `review_when` does not send that go to review anyway.")),
                ("review_labels", Array(String(""), "1–50 distinct labels of 1–40 characters `a-z`, `0-9`, `_`, which a rejection may name. Default (`null` too): the project's heads; a visual project must give them.")),
                ("review_timeout", NullableString("A whole number and a unit, `s`, `m`, `h` or `d` (`\"30m\"`, `\"24h\"`, `\"7d\"`), from 1 minute to 30 days: an unreviewed task then finishes with the model's answer and `review: {\"decision\": \"timed_out\"}`. `null` (default): no limit.")))
            .Example(Examples.CreateProject));

        var key = Object("One of the project's two key slots; the key itself is never shown again after it is made.",
            ("slot", Integer("1 or 2.")), ("live", Boolean("")), ("prefix", NullableString("The key's first 6 characters, to tell keys apart.")), ("created_on", Time("", nullable: true)));
        var project = Object(
                "A project: its settings as they stand, its key slots and its config version (up by one on every change).",
                ("project_id", Integer("")), ("name", String("")), ("model_type", String("")), ("review", String("")), ("user_id", Integer("")),
                ("disabled", Boolean("A disabled project's submissions get 403; its tasks can still be read.")),
                ("config_version", Integer("")), ("config_tag", NullableString("")), ("sync_timeout_seconds", Number("")),
                ("max_text_length", Integer("")), ("max_body_bytes", Integer("")), ("thresholds", Map(Number(""), "")),
                ("rate_limit", NullableObject("", ("per_second", Number("")), ("burst", Integer("")))), ("daily_quota", Integer("", nullable: true)),
                ("charge_per_task", Number("")), ("blocklist", Array(String(""), "")), ("allowlist", Array(String(""), "")),
                ("frame_rate", Number("")), ("hash_banks", Array(String(""), "")),
                ("visual_models", Array(String(""), "Visual projects only (absent for others): the models in force, the default resolved.")),
                ("ocr_languages", Array(String(""), "OCR projects and visual projects running `ocr` only (absent for others): the languages read, the default resolved.")),
                ("review_when", Any("Manual-review projects only, as are the other `review_*` fields (absent for model-only projects): `\"always\"` or class → minimum severity.")),
                ("review_sample", Number("")), ("review_labels", Array(String(""), "Resolved: the project's heads unless others were given.")),
                ("review_timeout", NullableString("In the largest whole unit (`\"24h\"` reads back as `\"1d\"`); `null`: no limit.")),
                ("keys", Array(key, "")),
                ("created_on", Time("")), ("updated_on", Time("")))
            .Example(Examples.Project);
        document.AddComponent("Project", project);
        document.AddComponent("CreatedProject", new OpenApiSchema
        {
            Description = "A new project, with its two API keys and its webhook secret: shown this once, stored only hashed.",
            AllOf = [Ref("Project"), Object("", ("api_keys", Array(String(""), "Two keys, for slots 1 and 2.")), ("webhook_secret", String("Signs callbacks (`whsec_…`).")))],
        });
        document.AddComponent("ProjectList", Object("", ("projects", Array(Ref("Project"), ""))));
        document.AddComponent("RotatedKey", Object("", ("project_id", Integer("")), ("slot", Integer("")), ("api_key", String("The new key, shown once."))));
        document.AddComponent("RevokedKey", Object("", ("project_id", Integer("")), ("slot", Integer("")), ("revoked", Boolean("Always true."))));
        document.AddComponent("RotatedWebhookSecret", Object("",
            ("project_id", Integer("")), ("webhook_secret", String("The new secret, shown once.")),
            ("previous_valid_until", Time("The old secret keeps signing alongside the new one until then (24 h).", nullable: true))));
        document.AddComponent("Usage", Object("Newest day first.", ("project_id", Integer("")), ("days", Array(Object("One UTC day.",
            ("date", String("", "date")), ("tasks", Integer("Accepted.")), ("charge", Number("")), ("rejected", Integer("Refused by rate or quota."))), ""))));
        document.AddComponent("FailingCallbacks", Object("Next retry first.", ("project_id", Integer("")), ("tasks", Array(Object("",
            ("task_id", String("", "uuid")), ("callback_url", String("", "uri")), ("attempts", Integer("")), ("last_status_code", Integer("", nullable: true)),
            ("last_error", NullableString("")), ("last_attempt_on", Time("", nullable: true)), ("next_attempt_on", Time("", nullable: true))), ""))));

        document.AddComponent("NewReviewer", Object("A reviewer of manual review.",
                ("name", String("1–200 characters.")),
                ("projects", Array(Integer(""), "Ids of existing projects whose review queues the reviewer works on; at most 1,000.")),
                ("roles", Array(Enum("", "reviewer", "senior"), "At least one: `reviewer` decides the main queue, `senior` also escalated tasks.")))
            .Required("name", "projects", "roles").Example(Examples.CreateReviewer));
        document.AddComponent("ReviewerChanges", Object("Only the fields given change; a list replaces the whole list.",
            ("name", String("1–200 characters.")), ("projects", Array(Integer(""), "Ids of existing projects; at most 1,000.")), ("roles", Array(Enum("", "reviewer", "senior"), "At least one."))));
        document.AddComponent("Reviewer", Object("A reviewer; never their token.",
                ("reviewer_id", Integer("")), ("name", String("")), ("projects", Array(Integer(""), "In id order.")), ("roles", Array(String(""), "")),
                ("disabled", Boolean("A disabled reviewer's token does not work and they hold no tasks.")), ("created_on", Time("")), ("updated_on", Time("")))
            .Example(Examples.Reviewer));
        document.AddComponent("CreatedReviewer", new OpenApiSchema
        {
            Description = "A new reviewer with their sign-in token: shown this once, stored only hashed.",
            AllOf = [Ref("Reviewer"), Object("", ("token", String("256 random bits, URL-safe; the reviewer sends `authorization: Bearer <token>`.")))],
        });
        document.AddComponent("ReviewerList", Object("", ("reviewers", Array(Ref("Reviewer"), ""))));
        document.AddComponent("RotatedReviewerToken", Object("", ("reviewer_id", Integer("")), ("token", String("The new token, shown once."))));

        const string matchTransforms = "Whether frames are matched turned and mirrored too (`rotate90`, `rotate180`, `rotate270`, `flip_horizontal`, `flip_vertical`, `transpose`, `transverse`), from the eight PDQ dihedral hashes of one DCT; the match says which in `matches[].transform`.";
        document.AddComponent("NewBank", Object("",
                ("name", String("Lowercase letters, digits, `_` and `-`, starting with a letter or digit; at most 64.")), ("description", NullableString("")),
                ("match_transforms", Boolean(matchTransforms + " Default `true`; anything but `true`, `false` or `null` is 400.")))
            .Required("name").Example("""{"name": "known-spam", "description": "Images reported as spam", "match_transforms": true}"""));
        document.AddComponent("BankChange", Object("Either field or both; a field absent or `null` stays as it is, neither is 400.",
                ("description", NullableString("")), ("match_transforms", Boolean(matchTransforms)))
            .Example("""{"match_transforms": true}"""));
        document.AddComponent("Bank", Object("A bank of PDQ hashes that visual projects match frames against.",
                ("name", String("")), ("description", NullableString("")), ("match_transforms", Boolean(matchTransforms + " Banks made before the setting existed have `false`.")),
                ("created_on", Time("")), ("hash_count", Integer("")), ("labels", Map(Integer(""), "Label → hashes with it.")))
            .Example(Examples.Bank));
        document.AddComponent("UpdatedBank", Object("",
                ("bank", Ref("Bank")), ("seq", Integer("Orders bank changes: once a silo has applied it, it matches with the new setting (the bank's last change when the setting did not change)."))));
        document.AddComponent("BankList", Object("", ("banks", Array(Ref("Bank"), ""))));
        document.AddComponent("DeletedBank", Object("", ("name", String("")), ("deleted", Boolean("Always true.")), ("seq", Integer("Orders bank changes."))));
        document.AddComponent("BankHashes", Object("Up to 10,000 a request. The same `content_id` again replaces its hash and label.", ("hashes", Array(Object("",
                ("content_id", String("Yours, 1–200 characters, unique in the bank.")), ("hash", String("64 hex digits (PDQ).")), ("label", String("`[a-z0-9_]{1,64}`: `csam`, `terror`, `ncii`, `spam_image`, …"))), "")))
            .Required("hashes").Example(Examples.AddHashes));
        document.AddComponent("AddedHashes", Object("", ("bank", String("")), ("added", Integer("")), ("replaced", Integer("")), ("unchanged", Integer("")), ("seq", Integer(""))));
        document.AddComponent("RemovedContent", Object("", ("content_ids", Array(String(""), "Up to 10,000 content ids.")))
            .Required("content_ids").Example("""{"content_ids": ["case-1"]}"""));
        document.AddComponent("RemovedHashes", Object("", ("bank", String("")), ("removed", Integer("")), ("seq", Integer(""))));
        document.AddComponent("HashPage", Object("", ("bank", String("")), ("offset", Integer("")), ("limit", Integer("")), ("total", Integer("")),
            ("hashes", Array(Object("", ("content_id", String("")), ("hash", String("")), ("label", String("")), ("added_on", Time(""))), ""))));
    }
}
