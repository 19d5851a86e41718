using Microsoft.OpenApi;
using static HiveOrleans.Gateway.Docs.OpenApi.Schema;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The task API's shapes (../shared/API.md and docs/api.md), as components of the OpenAPI document.</summary>
internal static class TaskSchemas
{
    public static void AddTo(OpenApiDocument document)
    {
        document.AddComponent("Error", Object(
                "Every error, from every endpoint: the HTTP status again and a message saying what was wrong.",
                ("return_code", Integer("The HTTP status code of the answer.")),
                ("message", String("What was wrong, naming the field or limit where there is one.")),
                ("task_id", String("Only on a sync timeout (504): the task, which goes on and can be fetched.", "uuid")),
                ("reason", Enum("Only on the reviewer API's 409: why the task could not be acted on.", "lease_expired", "held_by_another", "already_decided")))
            .Required("return_code", "message")
            .Example(Examples.NotFoundError));

        document.AddComponent("TaskSubmission", Object(
                "A task, as `application/json` or `application/x-www-form-urlencoded` (the same field names). Exactly one of " +
                "`text_data` or `url` (a file needs `multipart/form-data`, see TaskUpload).",
                ("text_data", String("The text to moderate (text projects), at most the project's `max_text_length` (1,024 characters by default).")),
                ("url", String("An absolute http/https address of an image, GIF or video (visual projects), at most 4,096 characters; downloaded after the acknowledgement.", "uri")),
                ("callback_url", String("Where the finished Task object is POSTed (async), signed the Standard Webhooks way (docs/callbacks.md).", "uri")),
                ("metadata", Any("Yours, returned untouched in the Task object; at most 16 KiB. In JSON any JSON value, returned as the same value.")),
                ("idempotency_key", String("1–255 characters. The same key from the same project within 24 h returns the first task instead of making a new one.")))
            .Example(Examples.JsonSubmission));

        document.AddComponent("TaskUpload", Object(
                "A task as `multipart/form-data`: the fields of TaskSubmission, or `media` as a file part instead of `text_data`/`url`.",
                ("text_data", String("The text to moderate (text projects).")),
                ("media", File("The file to moderate (visual projects): JPEG, PNG, WebP, BMP, GIF or video, recognised by its bytes; at most the project's `max_body_bytes` (20 MiB).")),
                ("url", String("An http/https address the platform downloads (visual projects).", "uri")),
                ("callback_url", String("Where the finished Task object is POSTed (async).", "uri")),
                ("metadata", String("Yours, returned untouched; at most 16 KiB.")),
                ("idempotency_key", String("1–255 characters; the same key within 24 h returns the first task."))));

        var status = Object(
            "Where the task stands: `\"0\"`/`SUCCESS` when finished; `PENDING`, `PROCESSING` or `AWAITING_REVIEW` while it runs; a failure code (`FETCH_FAILED`, `UNSUPPORTED_MEDIA`, `MODEL_FAILED`, `TIMEOUT`) with `error` set.",
            ("code", String("A string, `\"0\"` on success.")),
            ("message", String("`SUCCESS`, or what is happening or went wrong.")));

        document.AddComponent("Acknowledgement", Object(
                "The answer to an async submission, sent only once the task is durably stored.",
                ("id", String("The task's id.", "uuid")),
                ("task_id", String("The task's id again, as Hive sends it.", "uuid")),
                ("message", String("`We received your task.`")),
                ("project_id", Integer("The project of the key that submitted it.")),
                ("user_id", Integer("The project's user id.")),
                ("callback_url", NullableString("Where the finished task will be POSTed.", "uri")),
                ("status", Array(Object("", ("task_id", String("The task's id.", "uuid")), ("status", status)), "One entry, `PENDING`.")),
                ("queue_priority", Integer("Always 0.")),
                ("task_priority", Integer("Always 0.")))
            .Example(Examples.Acknowledgement));

        var classScore = Object(
            "One class and its score: a 0–3 severity for the text heads, 1.0/0.0 with `distance` for bank matches (`yes_<label>`/`no_<label>`).",
            ("class", String("The class name, e.g. `violence`, `yes_csam`.")),
            ("score", Number("The severity or score.")),
            ("distance", Integer("Visual bank matches: the Hamming distance to the nearest banked hash.")));
        var span = Object(
            "A text filter or PII hit in the submitted text (UTF-16 offsets, end exclusive).",
            ("value", String("The text that matched.")),
            ("start_index", Integer("Where it starts.")),
            ("end_index", Integer("Where it ends (exclusive).")),
            ("type", String("What it is: a head (`violence`), `custom_blocklist`, `email`, `phone_number`, ….")));
        var ocrBlock = Object(
            "OCR: one block of text tesseract found in the frame, judged by the text engine (Hive's OCR shape).",
            ("language", String("The language the text engine detected in the block.")),
            ("block_text", String("The block's lines, joined by newlines.")),
            ("start_char_index", Integer("Where the block starts in the frame's text (its blocks joined by newlines).")),
            ("end_char_index", Integer("Where it ends (exclusive).")),
            ("classes", Array(classScore, "The text heads, severities 0–3.")),
            ("text_filters", Array(span, "Filter and blocklist hits; indices into `block_text`.")),
            ("pii_entities", Array(span, "Personal data; indices into `block_text`.")),
            ("custom_classes", Array(String(""), "The project's classes that matched (`custom_blocklist`).")),
            ("bounding_poly", Array(
                Object(
                    "One word's box in the submitted picture's pixels.",
                    ("dimensions", Object("", ("left", Integer("")), ("right", Integer("")), ("top", Integer("")), ("bottom", Integer("")))),
                    ("vertices", Array(Object("", ("x", Integer("")), ("y", Integer(""))), "The four corners, clockwise from top-left.")),
                    ("meta", Object("", ("score", Number("tesseract's confidence, 0–1.")), ("label", String("Always `text`."))))),
                "Each word of the block, in reading order.")));
        var sentence = Object(
            "Speech: one sentence of the transcript.",
            ("text", String("The sentence's words as heard.")),
            ("classes", Array(classScore, "Every text head with its 0–3 severity.")),
            ("start_timestamp", Number("Seconds into the media where its first word starts.")),
            ("end_timestamp", Number("Seconds into the media where its last word ends.")),
            ("start_char_index", Integer("Where it starts in the entry's `transcript`.")),
            ("end_char_index", Integer("Where it ends (exclusive).")));
        var output = Object(
            "One output entry: a sentence or line of text (`start_char_index`/`end_char_index`), a frame of an image or video (`time` in seconds, `pdq`, `matches`, `frame_results`), or a segment of audio (`time`, `transcript`, `classifications`).",
            ("time", Number("Seconds into the media; 0 for text and images.")),
            ("classes", Array(classScore, "Every head or label with its score. Always present on success.")),
            ("start_char_index", Integer("Text: where the entry starts.")),
            ("end_char_index", Integer("Text: where it ends (exclusive).")),
            ("transcript", String("Speech: the words heard in this segment, joined by spaces.")),
            ("classifications", Array(sentence, "Speech: the transcript's sentences with their heads and times.")),
            ("pdq", Object("Visual: the frame's PDQ hash (ours).", ("hash", String("64 hex digits.")), ("quality", Integer("0–100; under 50 claims no match.")), ("trusted", Boolean("Quality 50 or more.")))),
            ("matches", Array(Object("A banked hash within distance 31 (ours).", ("bank", String("")), ("content_id", String("")), ("label", String("")), ("distance", Integer("")),
                ("transform", String("How the frame differs from the banked picture: `original`, or (banks with `match_transforms`) `rotate90`, `rotate180`, `rotate270` (clockwise), `flip_horizontal` (mirrored left to right), `flip_vertical` (top to bottom), `transpose` (across the top-left–bottom-right diagonal), `transverse` (across the other diagonal)."))), "Visual: the banked hashes this frame matched.")),
            ("frame_results", Array(ocrBlock, "OCR projects and visual projects running `ocr`: the frame's blocks of text (`[]` for none).")));
        var media = NullableObject(
            "The submitted media; `null` for text.",
            ("type", Enum("What it is; `audio` for everything a speech project hears, video included.", "image", "gif", "video", "audio")),
            ("mimetype", String("Recognised from its bytes.")),
            ("filename", NullableString("The upload's name, or the URL's last path segment.")),
            ("url", NullableString("The `url` it was downloaded from.", "uri")),
            ("duration", Number("Seconds (video, GIF and audio).", nullable: true)),
            ("width", Integer("Pixels.", nullable: true)),
            ("height", Integer("Pixels.", nullable: true)),
            ("num_frames", Integer("Entries in `output` (frames, or segments of audio).", nullable: true)),
            ("size", Integer("Bytes (ours).", nullable: true)));
        var input = Object(
            "What was submitted and how it was judged.",
            ("id", String("The task's id.", "uuid")),
            ("hash", String("Lowercase hex MD5 of the submitted bytes (the UTF-8 text for `text_data`).")),
            ("model", String("The model that ran.")),
            ("model_type", String("The project's model type: `text`, `visual`, `speech`, ….")),
            ("model_version", String("The model's version; a cached result is reused only under the same one.")),
            ("text", NullableString("The submitted `text_data`.")),
            ("created_on", Time("When the task was submitted.")),
            ("user_id", Integer("")),
            ("project_id", Integer("")),
            ("charge", Number("The project's `charge_per_task`.")),
            ("media", media),
            ("inference_client_version", String("")),
            ("config_version", Integer("The project's settings version the task ran under.")),
            ("config_tag", NullableString("The project's `config_tag`.")));
        var response = Object(
            "The result, once finished.",
            ("input", input),
            ("output", Array(output, "Text: one entry per sentence or line; visual: one per sampled frame (paged by `frame_offset`/`frame_limit`).")),
            ("text_filters", Array(span, "Profanity, head lexicon and blocklist hits.")),
            ("pii_entities", Array(span, "E-mail addresses, phone and card numbers and the like.")),
            ("custom_classes", Array(classScore, "`custom_blocklist` when the project's blocklist matched.")),
            ("language", NullableString("The detected language.")),
            ("moderated_classes", Array(String(""), "The heads judged for this language.")),
            ("max_over_frames", Array(
                Object(
                    "",
                    ("class", String("")),
                    ("score", Number("The highest score over all frames.")),
                    ("time", Number("Seconds into the media of the first frame that reached it.")),
                    ("distance", Integer("For `yes_<label>`, the nearest match's Hamming distance."))),
                "Ours; finished media tasks only: per class the highest score over every frame (not only the page of `output`). A bank label appears once, `yes_` if any frame matched.")));

        document.AddComponent("Task", Object(
                "The Task object, as it stands now: running, finished or failed. The same object is POSTed to `callback_url`.",
                ("id", String("The task's id.", "uuid")),
                ("task_id", String("The task's id again.", "uuid")),
                ("project_id", Integer("")),
                ("user_id", Integer("")),
                ("metadata", Any("What the caller sent, untouched.")),
                ("callback", NullableString("The `callback_url`.", "uri")),
                ("created_on", Time("When it was submitted.")),
                ("code", Integer("Always 200.")),
                ("status", Array(Object("", ("status", status), ("response", response)), "One entry: `status[0].response.output[0].classes` is where clients read the result.")),
                ("from_cache", Boolean("True when the project had already finished the same content under the same config version.")),
                ("resent_on", Time("When the callback was last resent.", nullable: true)),
                ("resent_by", NullableString("Who resent it: `api`, or `manual` (an operator).")),
                ("error", NullableObject("Set when the task failed.", ("code", String("")), ("message", String("")))),
                ("progress", Object(
                    "Ours, present only while a speech task is processing: how much of its audio has been heard.",
                    ("unit", String("`seconds`.")),
                    ("done", Number("Seconds heard so far, a segment at a time.")),
                    ("total", Number("Seconds in all (capped at the longest audio heard), or null when the media does not say.", nullable: true)))),
                ("callback_succeeded", Boolean("Ours: whether a callback was accepted (2xx).", nullable: true)),
                ("callback_attempts", Array(Object("", ("attempt", Integer("")), ("time", Time("")), ("status_code", Integer("", nullable: true)), ("error", NullableString("")), ("duration_ms", Number(""))), "Ours: the last 20 delivery attempts.")),
                ("callback_next_attempt", Time("Ours: when delivery is tried again.", nullable: true)),
                ("callback_stopped", NullableString("Ours: `gone`, `refused` or `gave_up` once delivery stopped.")),
                ("history", RerunSchemas.History()))
            .Example(Examples.TextTask));

        document.AddComponent("Resend", Object(
                "The answer to a resend; the callback itself follows.",
                ("task_id", String("", "uuid")),
                ("message", String("`The callback will be sent again.`")),
                ("callback_url", String("", "uri")),
                ("resent_on", Time("")),
                ("resent_by", Enum("", "api", "manual")))
            .Example(Examples.Resend));
    }
}
