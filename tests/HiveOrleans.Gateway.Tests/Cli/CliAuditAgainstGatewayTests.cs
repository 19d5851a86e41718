using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Review;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary><c>hiveorleans audit</c>, in-process, against a real gateway on PostgreSQL whose reviewers worked a task through the reviewer API.</summary>
public sealed class CliAuditAgainstGatewayTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>, IDisposable
{
    private readonly ReviewDriver _review = new(gateway.Server);

    public void Dispose() => _review.Dispose();

    [Fact]
    public async Task Audit_prints_a_tasks_entries_as_a_table_following_every_page()
    {
        var (projectId, reviewerId, taskId) = await WorkATaskAsync();

        var byProject = await RunAsync("audit", "--project", $"{projectId}", "--limit", "2");
        var byTask = await RunAsync("audit", "--task", taskId);
        var byReviewer = await RunAsync("audit", "--reviewer", $"{reviewerId}", "--since", "2000-01-01T00:00:00Z");

        byProject.AssertSucceeded();
        Assert.Matches(@"^SEQ\s+AT\s+ACTION\s+PROJECT\s+TASK\s+QUEUE\s+REVIEWER\s+LEASE\s+DETAIL$", byProject.StdoutLines[0]);
        var rows = byProject.StdoutLines.Skip(1).ToList();
        Assert.Equal(["claim", "release", "claim", "release", "claim", "decide"], rows.Select(r => Regex.Split(r, @"\s+")[2]));
        Assert.All(rows, r => Assert.Contains(taskId, r, StringComparison.Ordinal));
        Assert.Contains("reason=a threat", rows[^1], StringComparison.Ordinal);
        byTask.AssertSucceeded();
        Assert.Equal(byProject.StdoutLines, byTask.StdoutLines);
        byReviewer.AssertSucceeded();
        Assert.Equal(byProject.StdoutLines, byReviewer.StdoutLines);
    }

    [Fact]
    public async Task Audit_as_json_is_one_page_of_every_entry()
    {
        var (projectId, _, _) = await WorkATaskAsync();

        var result = await RunAsync("audit", "--project", $"{projectId}", "--limit", "4", "--json");

        result.AssertSucceeded();
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(6, document.RootElement.GetProperty("entries").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("next_after").ValueKind);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("entries")[5].GetProperty("detail").ValueKind);
    }

    [Fact]
    public async Task Audit_with_nothing_to_narrow_by_is_a_usage_error_and_sends_nothing()
    {
        var result = await CliRun.RunAsync(["audit", "--since", "2026-12-07T00:00:00Z"]);

        Assert.Equal("error: name what to show: --task TASK_ID, --reviewer REVIEWER_ID or --project PROJECT_ID", result.AssertOneErrorLine(exitCode: 2));
        Assert.StartsWith("error: --limit must be at most 1000", (await RunAsync("audit", "--project", "1", "--limit", "1001")).AssertOneErrorLine(exitCode: 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_task_id_gives_the_apis_reason_on_one_line_and_exit_1()
    {
        var result = await RunAsync("audit", "--task", "42");

        Assert.Equal("error: 'task_id' must be a task id (a GUID).", result.AssertOneErrorLine(exitCode: 1));
    }

    /// <summary>A task claimed and released twice, then claimed and rejected: six audit entries.</summary>
    private async Task<(long ProjectId, long ReviewerId, string TaskId)> WorkATaskAsync()
    {
        var project = await _review.CreateManualReviewProjectAsync("audit cli");
        var (reviewerId, token) = await _review.CreateReviewerAsync("audit cli", [project.ProjectId]);
        var taskId = await _review.SubmitForReviewAsync(project, "you will regret this, I know where you live");
        for (var i = 0; i < 2; i++)
        {
            var (_, grant) = await _review.ClaimAsync(token, project.ProjectId);
            var (released, _) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/release", new { lease_token = ReviewDriver.LeaseOf(grant) }, bearer: token);
            Assert.Equal(HttpStatusCode.NoContent, released);
        }

        var (_, last) = await _review.ClaimAsync(token, project.ProjectId);
        var (decided, _) = await _review.DecideAsync(token, taskId, new { lease_token = ReviewDriver.LeaseOf(last), decision = "reject", labels = new[] { "violence" }, reason = "a threat" });
        Assert.Equal(HttpStatusCode.OK, decided);
        return (project.ProjectId, reviewerId, taskId);
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "--token", GatewayServer.OperatorToken, .. args]);
}
