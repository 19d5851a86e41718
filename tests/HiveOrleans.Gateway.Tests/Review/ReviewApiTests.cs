using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// The reviewer API end to end on a real gateway and PostgreSQL: tasks of a manual-review project submitted over the
/// task API wait in their queue, reviewers claim and decide them through /review/v1, and the decision reaches the
/// callback. Each test has projects and reviewers of its own, so queues hold only its tasks.
/// </summary>
public sealed class ReviewApiTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>, IDisposable
{
    private readonly ReviewDriver _review = new(gateway.Server);

    public void Dispose() => _review.Dispose();

    [Fact]
    public async Task Queues_list_each_projects_main_queue_with_counts_and_the_escalated_ones_for_seniors()
    {
        var busy = await _review.CreateManualReviewProjectAsync("busy queue");
        var empty = await _review.CreateManualReviewProjectAsync("empty queue");
        var (_, reviewer) = await _review.CreateReviewerAsync("junior", [busy.ProjectId, empty.ProjectId]);
        var (_, senior) = await _review.CreateReviewerAsync("senior", [busy.ProjectId], "reviewer", "senior");
        await _review.SubmitForReviewAsync(busy, "first message to review");
        await _review.SubmitForReviewAsync(busy, "second message to review");
        await _review.ClaimAsync(reviewer, busy.ProjectId);

        var (status, answer) = await _review.CallAsync(HttpMethod.Get, "/review/v1/queues", bearer: reviewer);
        var (_, seniorAnswer) = await _review.CallAsync(HttpMethod.Get, "/review/v1/queues", bearer: senior);

        Assert.Equal(HttpStatusCode.OK, status);
        var queues = answer.GetProperty("queues").EnumerateArray().ToList();
        Assert.Equal([(busy.ProjectId, "main"), (empty.ProjectId, "main")], queues.Select(q => (q.GetProperty("project_id").GetInt64(), q.GetProperty("queue").GetString())).Order());
        var main = queues.Single(q => q.GetProperty("project_id").GetInt64() == busy.ProjectId);
        Assert.Equal(
            ["project_id", "project_name", "queue", "pending", "leased", "oldest_pending_on", "oldest_pending_age_seconds", "labels"],
            main.EnumerateObject().Select(p => p.Name));
        Assert.Equal("busy queue", main.GetProperty("project_name").GetString());
        Assert.Equal(2, main.GetProperty("pending").GetInt64());
        Assert.Equal(1, main.GetProperty("leased").GetInt64());
        Assert.True(main.GetProperty("oldest_pending_age_seconds").GetInt64() >= 0);
        Assert.True(main.GetProperty("labels").GetArrayLength() > 0);
        var none = queues.Single(q => q.GetProperty("project_id").GetInt64() == empty.ProjectId);
        Assert.Equal(0, none.GetProperty("pending").GetInt64());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("oldest_pending_on").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("oldest_pending_age_seconds").ValueKind);
        Assert.Equal(["escalated", "main"], seniorAnswer.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("queue").GetString()).Order());
    }

    [Fact]
    public async Task A_claim_gives_the_oldest_task_as_the_task_api_shows_it_with_its_output_and_an_empty_queue_is_204()
    {
        var project = await _review.CreateManualReviewProjectAsync("claims");
        var (_, token) = await _review.CreateReviewerAsync("claimer", [project.ProjectId]);
        var first = await _review.SubmitForReviewAsync(project, "I will hurt you if you come back here");
        var second = await _review.SubmitForReviewAsync(project, "have a lovely day");

        var (status, grant) = await _review.ClaimAsync(token, project.ProjectId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["task", "lease_token", "lease_expires_on", "queue", "queued_on", "labels"], grant.EnumerateObject().Select(p => p.Name));
        Assert.Equal(first, ReviewDriver.TaskIdOf(grant));
        Assert.True(Guid.TryParse(ReviewDriver.LeaseOf(grant), out _));
        Assert.True(grant.GetProperty("lease_expires_on").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal("main", grant.GetProperty("queue").GetString());
        var task = grant.GetProperty("task");
        Assert.Equal("AWAITING_REVIEW", HiveApi.StatusCode(task));
        Assert.NotEmpty(HiveApi.Classes(task));

        // The same Task object as GET /api/v2/task/{id}, byte for byte in content.
        var (_, polled) = await _review.Admin.GetTaskAsync(project.Key, $"/api/v2/task/{first}");
        Assert.True(JsonElement.DeepEquals(polled, task), $"claim: {task}\nGET: {polled}");

        var (_, next) = await _review.ClaimAsync(token, project.ProjectId);
        Assert.Equal(second, ReviewDriver.TaskIdOf(next));
        var (emptyStatus, emptyBody) = await _review.ClaimAsync(token, project.ProjectId);
        Assert.Equal(HttpStatusCode.NoContent, emptyStatus);
        Assert.Equal(JsonValueKind.Undefined, emptyBody.ValueKind);
    }

    [Fact]
    public async Task Approving_finishes_the_task_and_its_one_callback_carries_the_review()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await _review.CreateManualReviewProjectAsync("approvals");
        var (reviewerId, token) = await _review.CreateReviewerAsync("approver", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "a friendly note", receiver.Url.ToString());
        var (_, grant) = await _review.ClaimAsync(token, project.ProjectId);

        var (status, answer) = await _review.DecideAsync(token, taskId, new { lease_token = ReviewDriver.LeaseOf(grant), decision = "approve" });

        Assert.Equal(HttpStatusCode.OK, status);
        var task = answer.GetProperty("task");
        Assert.Equal("0", HiveApi.StatusCode(task));
        Assert.Equal("approve", task.GetProperty("review").GetProperty("decision").GetString());
        Assert.Equal(reviewerId, task.GetProperty("review").GetProperty("reviewer_id").GetInt64());
        var delivered = await receiver.NextAsync();
        using var body = JsonDocument.Parse(delivered.Body);
        Assert.Equal(taskId, body.RootElement.GetProperty("task_id").GetString());
        Assert.Equal("0", HiveApi.StatusCode(body.RootElement));
        Assert.Equal("approve", body.RootElement.GetProperty("review").GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Rejecting_needs_labels_and_a_reason_and_the_callback_carries_them()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await _review.CreateManualReviewProjectAsync("rejections");
        var (reviewerId, token) = await _review.CreateReviewerAsync("rejecter", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "meet me behind the gym, you will regret it", receiver.Url.ToString());
        var (_, grant) = await _review.ClaimAsync(token, project.ProjectId);
        var lease = ReviewDriver.LeaseOf(grant);

        var (noReason, noReasonBody) = await _review.DecideAsync(token, taskId, new { lease_token = lease, decision = "reject", labels = new[] { "bullying" } });
        var (badKind, _) = await _review.DecideAsync(token, taskId, new { lease_token = lease, decision = "maybe" });
        var (noDecision, _) = await _review.DecideAsync(token, taskId, new { lease_token = lease });
        var (status, answer) = await _review.DecideAsync(token, taskId, new { lease_token = lease, decision = "reject", labels = new[] { "bullying" }, reason = "intimidation" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Equal(400, noReasonBody.GetProperty("return_code").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badKind);
        Assert.Equal(HttpStatusCode.BadRequest, noDecision);
        Assert.Equal(HttpStatusCode.OK, status);
        var review = answer.GetProperty("task").GetProperty("review");
        Assert.Equal(["bullying"], review.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var delivered = await receiver.NextAsync();
        using var body = JsonDocument.Parse(delivered.Body);
        var called = body.RootElement.GetProperty("review");
        Assert.Equal("reject", called.GetProperty("decision").GetString());
        Assert.Equal(["bullying"], called.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("intimidation", called.GetProperty("reason").GetString());
        Assert.Equal(reviewerId, called.GetProperty("reviewer_id").GetInt64());
        Assert.Equal("main", called.GetProperty("queue").GetString());
    }

    [Fact]
    public async Task An_escalated_task_waits_for_a_senior_who_claims_it_from_the_escalated_queue_and_decides_it()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await _review.CreateManualReviewProjectAsync("escalations");
        var (_, junior) = await _review.CreateReviewerAsync("junior", [project.ProjectId]);
        var (seniorId, senior) = await _review.CreateReviewerAsync("senior", [project.ProjectId], "reviewer", "senior");
        var taskId = await _review.SubmitForReviewAsync(project, "is this a threat or a joke? hard to say", receiver.Url.ToString());
        var (_, grant) = await _review.ClaimAsync(junior, project.ProjectId);

        var (status, answer) = await _review.DecideAsync(junior, taskId, new { lease_token = ReviewDriver.LeaseOf(grant), decision = "escalate" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("AWAITING_REVIEW", HiveApi.StatusCode(answer.GetProperty("task")));
        Assert.Equal(HttpStatusCode.NotFound, (await _review.ClaimAsync(junior, project.ProjectId, "escalated")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _review.ClaimAsync(senior, project.ProjectId)).Status);
        var (claimed, escalated) = await _review.ClaimAsync(senior, project.ProjectId, "escalated");
        Assert.Equal(HttpStatusCode.OK, claimed);
        Assert.Equal(taskId, ReviewDriver.TaskIdOf(escalated));
        Assert.Equal("escalated", escalated.GetProperty("queue").GetString());
        var (decided, _) = await _review.DecideAsync(senior, taskId, new { lease_token = ReviewDriver.LeaseOf(escalated), decision = "approve" });
        Assert.Equal(HttpStatusCode.OK, decided);

        var delivered = await receiver.NextAsync();
        using var body = JsonDocument.Parse(delivered.Body);
        Assert.Equal("escalated", body.RootElement.GetProperty("review").GetProperty("queue").GetString());
        Assert.Equal(seniorId, body.RootElement.GetProperty("review").GetProperty("reviewer_id").GetInt64());
    }

    [Fact]
    public async Task Acting_without_the_current_lease_is_409_naming_why()
    {
        var project = await _review.CreateManualReviewProjectAsync("conflicts");
        var (_, first) = await _review.CreateReviewerAsync("first", [project.ProjectId]);
        var (_, second) = await _review.CreateReviewerAsync("second", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "a message two reviewers want");
        var (_, stale) = await _review.ClaimAsync(first, project.ProjectId);
        var staleLease = ReviewDriver.LeaseOf(stale);
        Assert.Equal(HttpStatusCode.NoContent, (await Release(first, taskId, staleLease)).Status);

        var (released, releasedBody) = await Renew(first, taskId, staleLease);
        var (_, taken) = await _review.ClaimAsync(second, project.ProjectId);
        var (held, heldBody) = await _review.DecideAsync(first, taskId, new { lease_token = staleLease, decision = "approve" });
        var (renewed, renewedBody) = await Renew(second, taskId, ReviewDriver.LeaseOf(taken));
        Assert.Equal(HttpStatusCode.OK, (await _review.DecideAsync(second, taskId, new { lease_token = ReviewDriver.LeaseOf(taken), decision = "approve" })).Status);
        var (decided, decidedBody) = await _review.DecideAsync(second, taskId, new { lease_token = ReviewDriver.LeaseOf(taken), decision = "approve" });

        Assert.Equal(HttpStatusCode.Conflict, released);
        Assert.Equal("lease_expired", releasedBody.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, held);
        Assert.Equal(["return_code", "message", "reason"], heldBody.EnumerateObject().Select(p => p.Name));
        Assert.Equal(409, heldBody.GetProperty("return_code").GetInt32());
        Assert.Equal("held_by_another", heldBody.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, renewed);
        Assert.True(renewedBody.GetProperty("lease_expires_on").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.True(decided is HttpStatusCode.Conflict or HttpStatusCode.NotFound, $"a second decision answered {(int)decided}");
        if (decided == HttpStatusCode.Conflict)
        {
            Assert.Equal("already_decided", decidedBody.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Another_projects_task_and_queue_are_404_and_bad_bodies_are_400_or_415()
    {
        var mine = await _review.CreateManualReviewProjectAsync("mine");
        var theirs = await _review.CreateManualReviewProjectAsync("theirs");
        var (_, me) = await _review.CreateReviewerAsync("me", [mine.ProjectId]);
        var (_, them) = await _review.CreateReviewerAsync("them", [theirs.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(theirs, "not yours to see");
        var (_, grant) = await _review.ClaimAsync(them, theirs.ProjectId);
        var lease = ReviewDriver.LeaseOf(grant);

        Assert.Equal(HttpStatusCode.NotFound, (await _review.ClaimAsync(me, theirs.ProjectId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Renew(me, taskId, lease)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Release(me, taskId, lease)).Status);
        var (decide, decideBody) = await _review.DecideAsync(me, taskId, new { lease_token = lease, decision = "approve" });
        Assert.Equal(HttpStatusCode.NotFound, decide);
        Assert.Equal("Task not found in your review queues.", decideBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _review.CallAsync(HttpMethod.Get, $"/review/v1/tasks/{taskId}/media", bearer: me)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Renew(them, Guid.NewGuid().ToString(), lease)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Renew(them, "not-a-task", lease)).Status);

        var (badLease, badLeaseBody) = await Renew(them, taskId, "not-a-guid");
        Assert.Equal(HttpStatusCode.BadRequest, badLease);
        Assert.Equal("'lease_token' must be the lease token a claim gave (a GUID).", badLeaseBody.GetProperty("message").GetString());
        var (noLease, _) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/renew", new { }, bearer: them);
        Assert.Equal(HttpStatusCode.BadRequest, noLease);
        var (form, _) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/renew", new FormUrlEncodedContent([new("lease_token", lease)]), bearer: them);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form);
        var (unknownQueue, _) = await _review.ClaimAsync(them, theirs.ProjectId, "urgent");
        Assert.Equal(HttpStatusCode.BadRequest, unknownQueue);

        // None of it touched their lease.
        Assert.Equal(HttpStatusCode.OK, (await Renew(them, taskId, lease)).Status);
    }

    [Fact]
    public async Task Media_streams_only_to_the_reviewer_holding_the_lease()
    {
        var project = await _review.CreateManualReviewProjectAsync("media review", modelType: "visual");
        var (_, holder) = await _review.CreateReviewerAsync("holder", [project.ProjectId]);
        var (_, other) = await _review.CreateReviewerAsync("other", [project.ProjectId]);
        var image = TestMedia.SceneJpeg(seed: 15);
        var (submitted, ack) = await Media.MediaApi.UploadAsync(_review.Admin, project.Key, "async", image);
        Assert.Equal(HttpStatusCode.OK, submitted);
        var taskId = ack.GetProperty("task_id").GetString()!;
        await _review.WaitUntilQueuedAsync(project, taskId);
        var (_, grant) = await _review.ClaimAsync(holder, project.ProjectId);

        using var media = await _review.SendAsync(HttpMethod.Get, $"/review/v1/tasks/{taskId}/media", bearer: holder);
        var (notHeld, notHeldBody) = await _review.CallAsync(HttpMethod.Get, $"/review/v1/tasks/{taskId}/media", bearer: other);

        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("image/jpeg", media.Content.Headers.ContentType?.MediaType);
        Assert.Equal(image, await media.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", media.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", media.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("inline", media.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.Conflict, notHeld);
        Assert.Equal("held_by_another", notHeldBody.GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Release(holder, taskId, ReviewDriver.LeaseOf(grant))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _review.CallAsync(HttpMethod.Get, $"/review/v1/tasks/{taskId}/media", bearer: holder)).Status);
    }

    [Fact]
    public async Task A_text_tasks_media_is_404()
    {
        var project = await _review.CreateManualReviewProjectAsync("text media");
        var (_, token) = await _review.CreateReviewerAsync("reader", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "just words");
        await _review.ClaimAsync(token, project.ProjectId);

        var (status, body) = await _review.CallAsync(HttpMethod.Get, $"/review/v1/tasks/{taskId}/media", bearer: token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("This task has no media: it is a text task.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_page_works_with_the_session_cookie_and_its_csrf_token()
    {
        var project = await _review.CreateManualReviewProjectAsync("by cookie");
        var (_, token) = await _review.CreateReviewerAsync("page", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "reviewed from the page");
        var session = await _review.SignInAsync(token);

        var (queues, _) = await _review.CallAsync(HttpMethod.Get, "/review/v1/queues", cookie: session.Cookie);
        var (claimed, grant) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/queues/{project.ProjectId}/claim", cookie: session.Cookie, csrf: session.Csrf);
        var (decided, _) = await _review.CallAsync(
            HttpMethod.Post, $"/review/v1/tasks/{taskId}/decision", new { lease_token = ReviewDriver.LeaseOf(grant), decision = "approve" }, cookie: session.Cookie, csrf: session.Csrf);

        Assert.Equal(HttpStatusCode.OK, queues);
        Assert.Equal(HttpStatusCode.OK, claimed);
        Assert.Equal(HttpStatusCode.OK, decided);
        await _review.WaitForStatusAsync(project, taskId, "0");
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> Renew(string token, string taskId, string lease) =>
        _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/renew", new { lease_token = lease }, bearer: token);

    private Task<(HttpStatusCode Status, JsonElement Body)> Release(string token, string taskId, string lease) =>
        _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/release", new { lease_token = lease }, bearer: token);
}
