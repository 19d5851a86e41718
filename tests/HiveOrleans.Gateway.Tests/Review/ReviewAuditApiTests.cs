using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// <c>GET /admin/v1/audit</c> on a real gateway and PostgreSQL: what reviewers did through the reviewer API is read
/// back a page at a time, and every malformed parameter is a 400 that names it.
/// </summary>
public sealed class ReviewAuditApiTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>, IDisposable
{
    private readonly ReviewDriver _review = new(gateway.Server);

    public void Dispose() => _review.Dispose();

    [Theory]
    [InlineData("", "Name at least one of 'task_id', 'reviewer_id' and 'project_id'.")]
    [InlineData("?since=2026-12-07T00:00:00Z", "Name at least one of 'task_id', 'reviewer_id' and 'project_id'.")]
    [InlineData("?task_id=42", "'task_id' must be a task id (a GUID).")]
    [InlineData("?reviewer_id=0", "'reviewer_id' must be a whole number of 1 or more.")]
    [InlineData("?project_id=one", "'project_id' must be a whole number of 1 or more.")]
    [InlineData("?project_id=1&since=yesterday", "'since' must be an ISO-8601 time such as 2026-12-07T06:00:00Z.")]
    [InlineData("?project_id=1&since=12/07/2026", "'since' must be an ISO-8601 time such as 2026-12-07T06:00:00Z.")]
    [InlineData("?project_id=1&after=-1", "'after' must be a whole number of 0 or more.")]
    [InlineData("?project_id=1&limit=0", "'limit' must be a whole number from 1 to 1000.")]
    [InlineData("?project_id=1&limit=1001", "'limit' must be a whole number from 1 to 1000.")]
    [InlineData("?project_id=1&project_id=2", "'project_id' was given twice; give it once.")]
    public async Task A_malformed_query_is_400_naming_the_parameter(string query, string message)
    {
        var (status, body) = await _review.Admin.AdminAsync(HttpMethod.Get, "/admin/v1/audit" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("return_code").GetInt32());
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_audit_log_needs_the_operator_token()
    {
        var (status, _) = await _review.CallAsync(HttpMethod.Get, $"/admin/v1/audit?project_id={gateway.Project.ProjectId}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_projects_claims_releases_and_decision_are_read_back_page_by_page()
    {
        var project = await _review.CreateManualReviewProjectAsync("audited");
        var (reviewerId, token) = await _review.CreateReviewerAsync("audited", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "you will regret this, I know where you live");
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 2; i++)
        {
            var (_, grant) = await _review.ClaimAsync(token, project.ProjectId);
            var (released, _) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/release", new { lease_token = ReviewDriver.LeaseOf(grant) }, bearer: token);
            Assert.Equal(HttpStatusCode.NoContent, released);
        }

        var (_, last) = await _review.ClaimAsync(token, project.ProjectId);
        var lease = ReviewDriver.LeaseOf(last);
        var (decided, _) = await _review.DecideAsync(token, taskId, new { lease_token = lease, decision = "reject", labels = new[] { "violence" }, reason = "a threat" });
        Assert.Equal(HttpStatusCode.OK, decided);

        var entries = new List<JsonElement>();
        var pages = 0;
        long? after = 0;
        while (after is { } from)
        {
            var (status, page) = await _review.Admin.AdminAsync(HttpMethod.Get, $"/admin/v1/audit?project_id={project.ProjectId}&since={Uri.EscapeDataString(since.ToString("O"))}&after={from}&limit=2");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(["entries", "next_after"], page.EnumerateObject().Select(p => p.Name));
            entries.AddRange(page.GetProperty("entries").EnumerateArray());
            after = page.GetProperty("next_after").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_after").GetInt64();
            pages++;
        }

        Assert.Equal(["claim", "release", "claim", "release", "claim", "decide"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(3, pages); // 6 entries in pages of 2: the third is the last, and says so
        Assert.True(entries.Select(e => e.GetProperty("seq").GetInt64()).SequenceEqual(entries.Select(e => e.GetProperty("seq").GetInt64()).Order()));
        Assert.All(entries, e =>
        {
            Assert.Equal(taskId, e.GetProperty("task_id").GetString());
            Assert.Equal(project.ProjectId, e.GetProperty("project_id").GetInt64());
            Assert.Equal(reviewerId, e.GetProperty("reviewer_id").GetInt64());
            Assert.Equal("main", e.GetProperty("queue").GetString());
        });
        var decision = entries[^1];
        Assert.Equal(
            ["seq", "at", "action", "project_id", "task_id", "queue", "reviewer_id", "lease_token", "detail"],
            decision.EnumerateObject().Select(p => p.Name));
        Assert.Equal(lease, decision.GetProperty("lease_token").GetString());
        Assert.Equal(JsonValueKind.Object, decision.GetProperty("detail").ValueKind);
        Assert.Equal("a threat", decision.GetProperty("detail").GetProperty("reason").GetString());

        // The same entries by task and by reviewer; none from before 'since' when it is after them all.
        var (_, byTask) = await _review.Admin.AdminAsync(HttpMethod.Get, $"/admin/v1/audit?task_id={taskId}");
        var (_, byReviewer) = await _review.Admin.AdminAsync(HttpMethod.Get, $"/admin/v1/audit?reviewer_id={reviewerId}");
        var (_, later) = await _review.Admin.AdminAsync(HttpMethod.Get, $"/admin/v1/audit?project_id={project.ProjectId}&since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");
        Assert.Equal(6, byTask.GetProperty("entries").GetArrayLength());
        Assert.Equal(6, byReviewer.GetProperty("entries").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, byTask.GetProperty("next_after").ValueKind);
        Assert.Equal(0, later.GetProperty("entries").GetArrayLength());
    }
}
