using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The operator API (ours, not Hive's) as the OpenAPI document describes it; docs/api.md has the same in prose.</summary>
internal static class OperatorOperations
{
    private static readonly ParameterDoc ProjectId = new("id", ParameterLocation.Path, "The project's id.", JsonSchemaType.Integer, "1") { Required = true };
    private static readonly ParameterDoc Slot = new("slot", ParameterLocation.Path, "The key slot: 1 or 2.", JsonSchemaType.Integer, "2") { Required = true };
    private static readonly ParameterDoc BankName = new("name", ParameterLocation.Path, "The bank's name.", JsonSchemaType.String, "known-spam") { Required = true };

    private static readonly ParameterDoc ReviewerId = new("id", ParameterLocation.Path, "The reviewer's id.", JsonSchemaType.Integer, "1") { Required = true };
    private static readonly Failure[] OnReviewer = [.. Failures.Operator, Failures.ReviewerNotFound];

    private static readonly Failure[] OnProject = [.. Failures.Operator, Failures.ProjectNotFound];
    private static readonly Failure[] OnBank = [.. Failures.Operator, Failures.BankNotFound];

    public static IEnumerable<(string Route, OperationDoc Doc)> All()
    {
        yield return ("POST /admin/v1/projects", Operator("Create a project",
            "Makes a project with its two API keys and webhook secret, shown in this answer only (they are stored hashed).",
            new(201, "The project, its keys and its webhook secret.", "CreatedProject"), [.. Failures.Operator, Failures.BadProject, Failures.NotJson]).WithJsonBody("ProjectSettings"));
        yield return ("GET /admin/v1/projects", Operator("List projects", "Every project, oldest first.",
            new(200, "The projects.", "ProjectList"), Failures.Operator));
        yield return ("GET /admin/v1/projects/{id}", Operator("Get a project", "Its settings, key slots and config version.",
            new(200, "The project.", "Project"), OnProject, ProjectId));
        yield return ("PATCH /admin/v1/projects/{id}", Operator("Change a project's settings",
            "Only the fields given change (`model_type` never does); `config_version` goes up by one. Gateways see the change within 5 s.",
            new(200, "The project as it is now.", "Project"), [.. OnProject, Failures.BadProject, Failures.NotJson], ProjectId).WithJsonBody("ProjectSettings", Examples.UpdateProject));
        yield return ("POST /admin/v1/projects/{id}/disable", Operator("Disable a project",
            "Its submissions get 403 `This project is disabled and accepts no new tasks.`; its tasks can still be read.",
            new(200, "The project.", "Project"), OnProject, ProjectId));
        yield return ("POST /admin/v1/projects/{id}/enable", Operator("Enable a project", "Undoes disable.",
            new(200, "The project.", "Project"), OnProject, ProjectId));
        yield return ("POST /admin/v1/projects/{id}/keys/{slot}/rotate", Operator("Rotate an API key",
            "A new key in the slot, shown once; the slot's old key is revoked and the other slot's key keeps working, so clients can move over.",
            new(200, "The new key.", "RotatedKey", """{"project_id": 1, "slot": 2, "api_key": "<new key, shown once>"}"""), OnProject, ProjectId, Slot));
        yield return ("DELETE /admin/v1/projects/{id}/keys/{slot}", Operator("Revoke an API key",
            "The slot stays empty until rotated. Gateways stop honouring the key within 5 s.",
            new(200, "Revoked.", "RevokedKey", """{"project_id": 1, "slot": 2, "revoked": true}"""), OnProject, ProjectId, Slot));
        yield return ("POST /admin/v1/projects/{id}/webhook-secret/rotate", Operator("Rotate the webhook secret",
            "A new secret, shown once; the old one keeps signing alongside it for 24 h so receivers can move over.",
            new(200, "The new secret.", "RotatedWebhookSecret"), OnProject, ProjectId));
        yield return ("GET /admin/v1/projects/{id}/usage", Operator("Get a project's usage", "Tasks, charge and refusals per UTC day, newest first.",
            new(200, "Usage by day.", "Usage", """{"project_id": 1, "days": [{"date": "2026-12-07", "tasks": 2, "charge": 2, "rejected": 0}]}"""),
            [.. OnProject, new(400, "`days` out of range.", "'days' must be from 1 to 400.")], ProjectId,
            new ParameterDoc("days", ParameterLocation.Query, "How many days, 1–400; default 30.", JsonSchemaType.Integer, "7")));
        yield return ("GET /admin/v1/projects/{id}/failing-callbacks", Operator("List tasks whose callbacks are failing",
            "Tasks whose last delivery attempt failed and that are still retried, next retry first.",
            new(200, "The failing tasks.", "FailingCallbacks"), [.. OnProject, new(400, "`limit` out of range.", "'limit' must be from 1 to 1000.")], ProjectId,
            new ParameterDoc("limit", ParameterLocation.Query, "At most this many, 1–1000; default 100.", JsonSchemaType.Integer, "100")));
        yield return ("POST /admin/v1/tasks/{id}/resend", Operator("Send any task's callback again",
            "As the project's resend, for any project's task; the payload carries `resent_by: \"manual\"`.",
            new(200, "The callback is on its way.", "Resend"), [.. Failures.Operator, Failures.TaskNotFound],
            new ParameterDoc("id", ParameterLocation.Path, "The task's id.", JsonSchemaType.String, Examples.TaskId) { Required = true, Format = "uuid" }));

        yield return ("POST /admin/v1/banks", Operator("Create a hash bank", "An empty bank of PDQ hashes, which visual projects name in `hash_banks`.",
            new(201, "The bank.", "Bank"), [.. Failures.Operator, Failures.BadBank, Failures.BankNotJson, new(409, "A bank of that name exists.", "Bank 'known-spam' already exists.")]).WithJsonBody("NewBank"));
        yield return ("GET /admin/v1/banks", Operator("List hash banks", "Every bank with its hash count per label.",
            new(200, "The banks.", "BankList"), Failures.Operator));
        yield return ("GET /admin/v1/banks/{name}", Operator("Get a hash bank", "Its description and hash count per label.",
            new(200, "The bank.", "Bank"), OnBank, BankName));
        yield return ("PATCH /admin/v1/banks/{name}", Operator("Change a hash bank",
            "Its description, or whether it matches turned and mirrored media (`match_transforms`); every silo matches with the new setting within the poll interval, and cached results matched against the bank are not reused.",
            new(200, "The bank as it is now.", "UpdatedBank"), [.. OnBank, new(400, "Nothing to change, or a field of the wrong type.", "'match_transforms' must be true or false."), Failures.BankNotJson], BankName).WithJsonBody("BankChange"));
        yield return ("DELETE /admin/v1/banks/{name}", Operator("Delete a hash bank",
            "Its hashes go with it; projects that name it match nothing there. Every silo follows within 2 s.",
            new(200, "Deleted.", "DeletedBank", """{"name": "known-spam", "deleted": true, "seq": 7}"""), OnBank, BankName));
        yield return ("POST /admin/v1/banks/{name}/hashes", Operator("Add hashes to a bank",
            "Up to 10,000 a request; the same `content_id` again replaces its hash and label. Errors name the entry (`hashes[3].label`).",
            new(200, "What changed.", "AddedHashes", """{"bank": "known-spam", "added": 1, "replaced": 0, "unchanged": 0, "seq": 3}"""),
            [.. OnBank, Failures.BadBank, Failures.BankNotJson], BankName).WithJsonBody("BankHashes"));
        yield return ("POST /admin/v1/banks/{name}/hashes/remove", Operator("Remove hashes from a bank", "By content id.",
            new(200, "How many were removed.", "RemovedHashes", """{"bank": "known-spam", "removed": 1, "seq": 4}"""), [.. OnBank, Failures.BadBank, Failures.BankNotJson], BankName).WithJsonBody("RemovedContent"));
        yield return ("GET /admin/v1/banks/{name}/hashes", Operator("List a bank's hashes", "A page of the bank's hashes.",
            new(200, "The page.", "HashPage"), OnBank, BankName,
            new ParameterDoc("offset", ParameterLocation.Query, "The first hash to return; default 0.", JsonSchemaType.Integer, "0"),
            new ParameterDoc("limit", ParameterLocation.Query, "How many; default 100.", JsonSchemaType.Integer, "100")));

        yield return ("POST /admin/v1/reviewers", Operator("Create a reviewer",
            "A reviewer of manual review, with the projects whose queues they work on and their roles. The sign-in token is in this answer only (it is stored hashed).",
            new(201, "The reviewer and their token.", "CreatedReviewer"), [.. Failures.Operator, Failures.BadReviewer, Failures.ReviewerNotJson]).WithJsonBody("NewReviewer"));
        yield return ("GET /admin/v1/reviewers", Operator("List reviewers", "Every reviewer, oldest first; never a token.",
            new(200, "The reviewers.", "ReviewerList"), Failures.Operator));
        yield return ("GET /admin/v1/reviewers/{id}", Operator("Get a reviewer", "Their name, projects, roles and whether disabled; never the token.",
            new(200, "The reviewer.", "Reviewer"), OnReviewer, ReviewerId));
        yield return ("PATCH /admin/v1/reviewers/{id}", Operator("Change a reviewer",
            "Only the fields given change; a list given replaces the whole list. Takes effect on the reviewer's next request.",
            new(200, "The reviewer as they are now.", "Reviewer"), [.. OnReviewer, Failures.BadReviewer, Failures.ReviewerNotJson], ReviewerId).WithJsonBody("ReviewerChanges", Examples.UpdateReviewer));
        yield return ("POST /admin/v1/reviewers/{id}/token/rotate", Operator("Rotate a reviewer's token",
            "A new token, shown once; the old one stops working at once.",
            new(200, "The new token.", "RotatedReviewerToken", """{"reviewer_id": 1, "token": "<new token, shown once>"}"""), OnReviewer, ReviewerId));
        yield return ("POST /admin/v1/reviewers/{id}/disable", Operator("Disable a reviewer",
            "Their token stops working at once, and every task they hold is released back to the front of its queue.",
            new(200, "The reviewer.", "Reviewer"), OnReviewer, ReviewerId));
        yield return ("POST /admin/v1/reviewers/{id}/enable", Operator("Enable a reviewer", "Undoes disable: the same token works again.",
            new(200, "The reviewer.", "Reviewer"), OnReviewer, ReviewerId));
    }

    private static OperationDoc Operator(string summary, string description, Reply reply, Failure[] failures, params ParameterDoc[] parameters) =>
        new(summary, description) { Caller = Caller.Operator, Reply = reply, Failures = failures, Parameters = parameters };
}
