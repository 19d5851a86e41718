using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The reviewer API (docs/review.md, "The reviewer API's contract") and the audit log, as the OpenAPI document describes them.</summary>
internal static class ReviewOperations
{
    private static readonly Failure NoCredential = new(401, "No reviewer token and no session cookie.", "Sign in: send 'authorization: Bearer <reviewer token>', or the cookie that POST /review/v1/session sets.");
    private static readonly Failure BadToken = new(401, "A token that is not live: unknown, rotated, or its reviewer disabled.", "Invalid reviewer token.");
    private static readonly Failure SessionEnded = new(401, "A session that has ended or expired, or whose reviewer was disabled or token rotated.", "The review session has ended or expired; sign in again.");
    private static readonly Failure NoCsrf = new(403, "Made with the session cookie, without the session's `x-csrf-token`.", "A request that changes anything with the session cookie must send 'x-csrf-token' with the session's CSRF token.");
    private static readonly Failure ForeignOrigin = new(403, "Made with the session cookie (or signing in) from a page of another origin.", "Requests from the origin 'https://elsewhere.example' are refused: the reviewer API takes the session cookie from its own pages only.");
    private static readonly Failure NotJson = new(415, "A body that is not `application/json`.", "Send the request as application/json.");
    private static readonly Failure NotInQueues = new(404, "A task that waits in none of the reviewer's queues (another project's, decided, or unknown).", "Task not found in your review queues.");
    private static readonly Failure BadLease = new(400, "No `lease_token`, or one that is not a GUID.", "'lease_token' must be the lease token a claim gave (a GUID).");

    private static readonly Failure[] Reading = [NoCredential, BadToken, SessionEnded, Failures.AuthThrottled, Failures.Unavailable];
    private static readonly Failure[] Changing = [.. Reading, NoCsrf, ForeignOrigin];

    private static readonly Failure[] OnLease =
    [
        .. Changing, NotInQueues, BadLease, NotJson,
        new(409, "The lease ran out (and nobody holds the task now).", "Your lease on this task has expired; claim a task again.") { Reason = "lease_expired" },
        new(409, "Another reviewer holds the task now.", "Another reviewer holds this task now.") { Reason = "held_by_another" },
        new(409, "The task was decided already, or its review time ran out.", "This task has been decided already.") { Reason = "already_decided" },
    ];

    private static readonly ParameterDoc TaskId = new("id", ParameterLocation.Path, "The task's id.", JsonSchemaType.String, Examples.TaskId) { Required = true, Format = "uuid" };

    public static IEnumerable<(string Route, OperationDoc Doc)> All()
    {
        yield return ("POST /review/v1/session", new OperationDoc("Sign in",
            "Starts a 12-hour session for the reviewer whose token is in the body and sets the cookie `hive_review_session` (HttpOnly, SameSite=Strict, Path=/review, Secure over TLS). " +
            "The answer's `csrf_token` goes in `x-csrf-token` on every state-changing request made with the cookie.")
        {
            Reply = new(200, "Signed in; the cookie is set.", "ReviewSession"),
            Failures = [BadToken, ForeignOrigin, Failures.AuthThrottled, NotJson, new(400, "No `token`.", "'token' is required: the reviewer token the operator gave you."), Failures.Unavailable],
        }.WithJsonBody("ReviewSignIn"));
        yield return ("GET /review/v1/session", Reviewer("Who is signed in",
            "The reviewer of the session or token in use; `csrf_token` and `expires_on` are null for a Bearer token.",
            new(200, "The reviewer.", "ReviewSession"), Reading));
        yield return ("DELETE /review/v1/session", Reviewer("Sign out",
            "Ends the session (it cannot be used again) and clears the cookie.",
            new(204, "Signed out.", null), Changing));
        yield return ("GET /review/v1/queues", Reviewer("List my queues",
            "The main queue of each of the reviewer's projects, and the escalated queue too for a senior; empty queues included. The counts are at most HiveOrleans:Review:QueueCountsMaxAge (2 s) old.",
            new(200, "The queues.", "ReviewQueueList"), Reading));
        yield return ("POST /review/v1/queues/{project_id}/claim", Reviewer("Claim the next task",
            "Leases the oldest free task of the queue to the reviewer for `HiveOrleans:Review:Lease` (10 minutes by default; renewable). Two reviewers never hold the same task.",
            new(200, "The task, with the model's output, and its lease. 204 with no body when the queue is empty.", "ReviewGrant"),
            [.. Changing,
                new(404, "A project not the reviewer's, or `escalated` for a reviewer who is not senior.", "No such queue among the reviewer's."),
                new(400, "An unknown `queue`.", "'queue' must be 'main' or 'escalated'.")],
            new ParameterDoc("project_id", ParameterLocation.Path, "The project.", JsonSchemaType.Integer, "1") { Required = true },
            new ParameterDoc("queue", ParameterLocation.Query, "`main` (default) or `escalated` (seniors).", JsonSchemaType.String, "main")));
        yield return ("POST /review/v1/tasks/{id}/renew", Reviewer("Renew a lease",
            "Extends the lease the reviewer holds on the task.",
            new(200, "The new end of the lease.", "ReviewLease"), OnLease, TaskId).WithJsonBody("ReviewLeaseToken"));
        yield return ("POST /review/v1/tasks/{id}/release", Reviewer("Skip a task",
            "Gives the task back to the front of its queue at once.",
            new(204, "Released.", null), OnLease, TaskId).WithJsonBody("ReviewLeaseToken"));
        yield return ("POST /review/v1/tasks/{id}/decision", Reviewer("Decide a task",
            "`approve` or `reject` (one or more of the project's labels and a reason) finishes the task and sends its callback with `review`; " +
            "`escalate` moves it to the escalated queue, still `AWAITING_REVIEW`. Taken only while the lease holds.",
            new(200, "The task as it stands after the decision.", "ReviewedTask"),
            [.. OnLease, new(400, "A decision not valid as given: unknown kind, a rejection without labels or reason, labels not the project's.", "A rejection needs a 'reason'.")],
            TaskId).WithJsonBody("ReviewDecision"));
        yield return ("GET /review/v1/tasks/{id}/media", Reviewer("Get a held task's media",
            "The bytes of the image, GIF or video, with its content type, to the reviewer holding the task's lease now. Never cached.",
            new(200, "The media.", null) { ContentType = "application/octet-stream" },
            [.. Reading, NotInQueues, new(404, "A text task: there is no media.", "This task has no media: it is a text task."),
                new(409, "The lease ran out.", "Your lease on this task has expired; claim a task again.") { Reason = "lease_expired" },
                new(409, "Another reviewer holds the task.", "Another reviewer holds this task now.") { Reason = "held_by_another" }],
            TaskId));

        yield return ("GET /admin/v1/audit", new OperationDoc("Read the review audit log",
            "Every claim, renewal, release, expiry, decision, escalation and time-out of one task, reviewer or project (at least one named), oldest first, " +
            "a page at a time: pass the answer's `next_after` as `after` for the next page (null on the last).")
        {
            Caller = Caller.Operator,
            Reply = new(200, "A page of entries.", "ReviewAuditPage"),
            Failures = [.. Failures.Operator, new(400, "None of `task_id`, `reviewer_id` and `project_id`, or a parameter malformed or out of range (named).", "'limit' must be a whole number from 1 to 1000.")],
            Parameters =
            [
                new ParameterDoc("task_id", ParameterLocation.Query, "One task's entries.", JsonSchemaType.String, Examples.TaskId) { Format = "uuid" },
                new ParameterDoc("reviewer_id", ParameterLocation.Query, "One reviewer's entries.", JsonSchemaType.Integer, "1"),
                new ParameterDoc("project_id", ParameterLocation.Query, "One project's entries.", JsonSchemaType.Integer, "1"),
                new ParameterDoc("since", ParameterLocation.Query, "Entries at or after this ISO-8601 time (UTC unless it says).", JsonSchemaType.String, "2026-12-07T00:00:00Z") { Format = "date-time" },
                new ParameterDoc("after", ParameterLocation.Query, "Entries after this `seq` (the previous page's `next_after`); default 0.", JsonSchemaType.Integer, "0"),
                new ParameterDoc("limit", ParameterLocation.Query, "At most this many, 1–1000; default 100.", JsonSchemaType.Integer, "100"),
            ],
        });
    }

    private static OperationDoc Reviewer(string summary, string description, Reply reply, Failure[] failures, params ParameterDoc[] parameters) =>
        new(summary, description) { Caller = Caller.Reviewer, Reply = reply, Failures = failures, Parameters = parameters };
}
