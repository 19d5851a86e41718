namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The contract's errors (../shared/API.md, "Errors"), with the messages the gateway sends.</summary>
internal static class Failures
{
    public static readonly Failure AuthMethod = new(400, "No `authorization` header, or a scheme other than `token`.", "Invalid Auth Method. 'Token' authentication required.");
    public static readonly Failure InvalidKey = new(403, "A key that is not live.", "Invalid API key.");
    public static readonly Failure AuthThrottled = new(429, "Too many failed authentications from this client address in a short window (50 per 10 s).", "Too many failed authentication attempts from this address; retry after 7 s.") { RetryAfter = true };
    public static readonly Failure Unavailable = new(503, "The cluster or its store cannot be reached: nothing was accepted; retry.", "The service could not store or read the task right now; nothing was accepted. Retry shortly.") { RetryAfter = true };
    public static readonly Failure TaskNotFound = new(404, "An unknown task id, or another project's task.", "Task not found.");

    public static readonly Failure[] ProjectKey = [AuthMethod, InvalidKey, AuthThrottled];

    public static readonly Failure[] Submission =
    [
        .. ProjectKey,
        new(403, "The project is disabled.", "This project is disabled and accepts no new tasks."),
        new(400, "None, or more than one, of `media`, `url` and `text_data`.", "Give exactly one of 'media', 'url' or 'text_data', not several."),
        new(400, "A field that does not fit the project's model type.", "'media' does not fit this project: a text project takes 'text_data' only."),
        new(400, "A bad `callback_url`, `metadata` over 16 KiB, a bad `idempotency_key`, a field given twice, malformed JSON.", "'callback_url' must be an absolute http or https URL."),
        new(413, "The body or the `media` file is over the project's limit.", "The request body is over this project's limit of 20971520 bytes."),
        new(415, "A content type other than multipart, urlencoded or JSON; or `media` the project's model cannot take.", "The media is WAV (audio/wav); a visual project takes images (JPEG, PNG, GIF, WebP, BMP), GIFs and video."),
        new(429, "Over the project's rate limit or daily quota; nothing was stored.", "This project's rate limit of 50 requests per second (burst 100) is exceeded; retry after 1 s.") { RetryAfter = true },
        Unavailable,
    ];

    public static readonly Failure[] Sync =
    [
        .. Submission,
        new(400, "The project uses manual review, which is asynchronous.", "This project uses manual review, which is asynchronous: submit to /api/v2/task/async with a callback_url."),
        new(504, "Not finished within the project's sync timeout (20 s): the task goes on and can be fetched by its `task_id`.", "The task did not finish within 20 s; it goes on and can be fetched by its task_id.") { TaskId = true },
    ];

    public static readonly Failure[] Read =
    [
        .. ProjectKey,
        TaskNotFound,
        new(400, "`frame_offset` or `frame_limit` is not a whole number of zero or more.", "'frame_limit' must be a whole number of zero or more."),
        Unavailable,
    ];

    public static readonly Failure[] Resend =
    [
        .. ProjectKey,
        TaskNotFound,
        new(400, "The task has no `callback_url`, or is not finished yet.", "This task has no callback_url to send to."),
        Unavailable,
    ];

    public static readonly Failure[] Operator =
    [
        new(401, "No operator token.", "Operator token required: 'authorization: Bearer <token>'."),
        new(403, "A wrong operator token, or none configured (`HiveOrleans:AdminToken`).", "Invalid operator token."),
        Unavailable,
    ];

    public static readonly Failure ProjectNotFound = new(404, "No project with this id.", "Project not found.");

    public static readonly Failure BadProject = new(400, "A missing, malformed or out-of-range field, named in the message.", "'sync_timeout_seconds' must be a number from 1 to 300.");

    public static readonly Failure NotJson = new(415, "A body that is not `application/json`.", "Send the project as application/json.");

    public static readonly Failure BankNotJson = new(415, "A body that is not `application/json`.", "Send the request as application/json.");

    public static readonly Failure BankNotFound = new(404, "No bank of that name.", "Bank 'known-spam' not found.");

    public static readonly Failure ReviewerNotFound = new(404, "No reviewer with this id.", "Reviewer not found.");

    public static readonly Failure BadReviewer = new(400, "A missing or malformed field, an unknown role, or a project that does not exist, named in the message.", "'projects' names project 42, which does not exist.");

    public static readonly Failure ReviewerNotJson = new(415, "A body that is not `application/json`.", "Send the reviewer as application/json.");

    public static readonly Failure BadBank = new(400, "A malformed name, hash, label or content id, named in the message.", "hashes[3].label is required: a string such as \"csam\".");
}
