namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>Example bodies, taken from a run of the gateway (ids, times and keys replaced by made-up ones).</summary>
internal static class Examples
{
    public const string TaskId = "01a24e30-3bae-7543-95df-876f0fa6f204";

    public const string JsonSubmission = """
        {"text_data": "I will find you and kill you, you worthless idiot", "metadata": "post-1234",
         "callback_url": "https://your.service/hive-callback", "idempotency_key": "post-1234-v1"}
        """;

    public const string UrlSubmission = """
        {"url": "https://cdn.example.com/clip.mp4", "callback_url": "https://your.service/hive-callback"}
        """;

    public const string Acknowledgement = """
        {"id": "01a24e30-3cc1-7847-be8b-712e0f5cb308", "task_id": "01a24e30-3cc1-7847-be8b-712e0f5cb308",
         "message": "We received your task.", "project_id": 1, "user_id": 1, "callback_url": "https://your.service/hive-callback",
         "status": [{"task_id": "01a24e30-3cc1-7847-be8b-712e0f5cb308", "status": {"code": "PENDING", "message": "The task is queued."}}],
         "queue_priority": 0, "task_priority": 0}
        """;

    public const string TextTask = """
        {"id": "01a24e30-3bae-7543-95df-876f0fa6f204", "task_id": "01a24e30-3bae-7543-95df-876f0fa6f204", "project_id": 1, "user_id": 1,
         "metadata": "post-1234", "callback": null, "created_on": "2026-12-07T01:48:33.585Z", "code": 200,
         "status": [{"status": {"code": "0", "message": "SUCCESS"}, "response": {
           "input": {"id": "01a24e30-3bae-7543-95df-876f0fa6f204", "hash": "42eebdd0c077fee7ebbbb4e9958937e1", "model": "hive-orleans-text",
                     "model_type": "text", "model_version": "text-lexicon-3+learned-1+f451b2983ca1",
                     "text": "I will find you and kill you, you worthless idiot", "created_on": "2026-12-07T01:48:33.585Z", "user_id": 1,
                     "project_id": 1, "charge": 1, "media": null, "inference_client_version": "1.0.0", "config_version": 1, "config_tag": null},
           "output": [{"time": 0, "classes": [{"class": "sexual", "score": 0}, {"class": "hate", "score": 0}, {"class": "violence", "score": 3},
                       {"class": "bullying", "score": 2}, {"class": "drugs", "score": 0}, {"class": "self_harm", "score": 0},
                       {"class": "spam", "score": 0}, {"class": "promotions", "score": 0}, {"class": "child_exploitation", "score": 0},
                       {"class": "gibberish", "score": 0}], "start_char_index": 0, "end_char_index": 49}],
           "text_filters": [{"value": "kill", "start_index": 20, "end_index": 24, "type": "violence"},
                            {"value": "worthless", "start_index": 34, "end_index": 43, "type": "bullying"},
                            {"value": "idiot", "start_index": 44, "end_index": 49, "type": "bullying"}],
           "pii_entities": [], "custom_classes": [], "language": "en",
           "moderated_classes": ["sexual", "hate", "violence", "bullying", "drugs", "self_harm", "spam", "promotions", "child_exploitation", "gibberish"]}}],
         "from_cache": false, "resent_on": null, "resent_by": null, "error": null,
         "callback_succeeded": null, "callback_attempts": [], "callback_next_attempt": null, "callback_stopped": null}
        """;

    public const string Resend = """
        {"task_id": "01a24e30-3cc1-7847-be8b-712e0f5cb308", "message": "The callback will be sent again.",
         "callback_url": "https://your.service/hive-callback", "resent_on": "2026-12-07T01:48:40.092Z", "resent_by": "api"}
        """;

    public const string Events = """
        event: status
        id: 1
        data: {"task_id":"01a24e30-3cc1-7847-be8b-712e0f5cb308","status":"PROCESSING","code":"PROCESSING","message":"The task is being processed.","time":"2026-12-07T01:48:33.901Z"}

        event: status
        id: 2
        data: {"task_id":"01a24e30-3cc1-7847-be8b-712e0f5cb308","status":"SUCCESS","code":"0","message":"SUCCESS","time":"2026-12-07T01:48:34.127Z"}

        event: task
        id: 3
        data: {"id":"01a24e30-3cc1-7847-be8b-712e0f5cb308","task_id":"01a24e30-3cc1-7847-be8b-712e0f5cb308","status":[…],…}

        """;

    public const string NotFoundError = """{"return_code": 404, "message": "Task not found."}""";

    public const string Project = """
        {"project_id": 1, "name": "chat", "model_type": "text", "review": "model_only", "user_id": 1, "disabled": false,
         "config_version": 1, "config_tag": null, "sync_timeout_seconds": 20, "max_text_length": 1024, "max_body_bytes": 20971520,
         "thresholds": {"violence": 2}, "rate_limit": {"per_second": 50, "burst": 100}, "daily_quota": null, "charge_per_task": 1,
         "blocklist": [], "allowlist": [], "frame_rate": 1, "hash_banks": [],
         "keys": [{"slot": 1, "live": true, "prefix": "pojJzB", "created_on": "2026-12-07T01:48:32.895Z"},
                  {"slot": 2, "live": true, "prefix": "iP0Cnq", "created_on": "2026-12-07T01:48:32.895Z"}],
         "created_on": "2026-12-07T01:48:32.895Z", "updated_on": "2026-12-07T01:48:32.895Z"}
        """;

    public const string CreateProject = """
        {"name": "chat", "model_type": "text", "review": "model_only", "thresholds": {"violence": 2},
         "rate_limit": {"per_second": 50, "burst": 100}}
        """;

    public const string UpdateProject = """{"daily_quota": 10000, "blocklist": ["buy followers"]}""";

    public const string CreateReviewer = """{"name": "Ada", "projects": [1, 2], "roles": ["reviewer", "senior"]}""";

    public const string UpdateReviewer = """{"roles": ["reviewer"]}""";

    public const string Reviewer = """
        {"reviewer_id": 1, "name": "Ada", "projects": [1, 2], "roles": ["reviewer", "senior"], "disabled": false,
         "created_on": "2026-12-07T01:48:35.120Z", "updated_on": "2026-12-07T01:48:35.120Z"}
        """;

    public const string Bank = """
        {"name": "known-spam", "description": "Images reported as spam", "match_transforms": true,
         "created_on": "2026-12-07T01:48:33.993Z", "hash_count": 2, "labels": {"spam_image": 2}}
        """;

    public const string AddHashes = """
        {"hashes": [{"content_id": "case-1", "label": "spam_image",
                     "hash": "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"}]}
        """;
}
