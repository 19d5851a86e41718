using System.Net;
using System.Text.Json;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Reruns;

/// <summary>
/// Reruns end to end on a real gateway and PostgreSQL (issue 18): shadow reports, apply with history, cancel, and the
/// refusals. Each test works in a project of its own; reruns here go at a few dozen tasks a second so one can be caught mid-way.
/// </summary>
public sealed class RerunTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, RerunGateway.SlowReruns(tasksPerSecond: 40));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_shadow_rerun_of_a_changed_blocklist_reports_exactly_the_tasks_it_would_flip_and_changes_nothing()
    {
        var project = await _server.Client.CreateProjectAsync("shadow");
        var (named, all) = await RerunGateway.FillAsync(_server, project, count: 12, every: 3);

        var rerunId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "shadow", config = new { blocklist = new[] { RerunGateway.Term } } });
        var rerun = await RerunGateway.WaitForStatusAsync(_server, rerunId, "completed");

        Assert.Equal(12, rerun.GetProperty("total").GetInt64());
        Assert.Equal(12, rerun.GetProperty("done").GetInt64());
        Assert.Equal(4, rerun.GetProperty("changed").GetInt64());
        Assert.Equal(4, rerun.GetProperty("newly_flagged").GetInt64());
        Assert.Equal(0, rerun.GetProperty("cleared").GetInt64());
        Assert.Equal(
            """[{"head":"custom_blocklist","from":0,"to":3,"direction":"newly_flagged","count":4}]""",
            rerun.GetProperty("heads").GetRawText());
        Assert.Equal(named, RerunGateway.Strings(rerun.GetProperty("examples")));

        // Nothing a caller sees changed: not the tasks, not their history, not the project.
        var hive = new HiveOrleansClient(_server.Client, new HiveOrleansClientOptions { ApiKey = project.Key });
        foreach (var id in all)
        {
            var task = await hive.GetTaskAsync(id);
            Assert.Empty(task.CustomClasses);
            var (status, withHistory) = await _server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{id}?history=true");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("submission", Assert.Single(withHistory.GetProperty("history").EnumerateArray()).GetProperty("trigger").GetString());
        }

        var (_, config) = await _server.Client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{project.ProjectId}");
        Assert.Empty(config.GetProperty("blocklist").EnumerateArray());
    }

    [Fact]
    public async Task An_applied_rerun_flips_the_tasks_and_keeps_the_previous_result_in_their_history()
    {
        var project = await _server.Client.CreateProjectAsync("apply");
        var (named, all) = await RerunGateway.FillAsync(_server, project, count: 6, every: 2);

        var rerunId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "apply", config = new { blocklist = new[] { RerunGateway.Term } } });
        var rerun = await RerunGateway.WaitForStatusAsync(_server, rerunId, "completed");
        Assert.Equal(3, rerun.GetProperty("changed").GetInt64());
        Assert.Equal(named, RerunGateway.Strings(rerun.GetProperty("examples")));

        foreach (var id in all)
        {
            var (_, plain) = await _server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{id}");
            Assert.False(plain.TryGetProperty("history", out _), "history only when asked for");
            var (status, task) = await _server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{id}?history=true");
            Assert.Equal(HttpStatusCode.OK, status);
            var history = task.GetProperty("history").EnumerateArray().ToList();
            var customClasses = task.GetProperty("status")[0].GetProperty("response").GetProperty("custom_classes").GetRawText();
            if (!named.Contains(id))
            {
                Assert.Equal("[]", customClasses);
                Assert.Equal("submission", Assert.Single(history).GetProperty("trigger").GetString());
                continue;
            }

            Assert.Contains("custom_blocklist", customClasses, StringComparison.Ordinal);
            Assert.Equal(2, history.Count);
            Assert.Equal("submission", history[0].GetProperty("trigger").GetString());
            Assert.False(history[0].GetProperty("current").GetBoolean());
            Assert.Equal("[]", history[0].GetProperty("custom_classes").GetRawText());
            Assert.Equal($"rerun:{rerunId}", history[1].GetProperty("trigger").GetString());
            Assert.True(history[1].GetProperty("current").GetBoolean());
            Assert.Equal("""["custom_blocklist"]""", history[1].GetProperty("custom_classes").GetRawText());
            Assert.Contains(history[1].GetProperty("classes").EnumerateArray(), c => c.GetProperty("class").GetString() == "custom_blocklist" && c.GetProperty("score").GetDouble() == 3);
            Assert.False(string.IsNullOrEmpty(history[1].GetProperty("model_version").GetString()));
        }
    }

    [Fact]
    public async Task A_cancelled_rerun_stops_where_it_was()
    {
        var project = await _server.Client.CreateProjectAsync("cancel");
        await RerunGateway.FillAsync(_server, project, count: 60, every: 2);

        var rerunId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "shadow", config = new { blocklist = new[] { RerunGateway.Term } } });
        await RerunGateway.WaitUntilAsync(_server, rerunId, r => r.GetProperty("done").GetInt64() >= 4, "the rerun to get going");
        var (status, cancelled) = await _server.Client.AdminAsync(HttpMethod.Post, $"/admin/v1/reruns/{rerunId}/cancel");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var done = cancelled.GetProperty("done").GetInt64();
        Assert.InRange(done, 4, 59);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var later = await RerunGateway.GetAsync(_server, rerunId);
        Assert.Equal("cancelled", later.GetProperty("status").GetString());
        Assert.Equal(done, later.GetProperty("done").GetInt64());
        Assert.Equal(cancelled.GetProperty("changed").GetInt64(), later.GetProperty("changed").GetInt64());
    }

    [Fact]
    public async Task A_start_answers_at_once_while_the_window_is_counted_in_the_background_and_a_cancel_stops_the_count()
    {
        var project = await _server.Client.CreateProjectAsync("counted later");
        await RerunGateway.FillAsync(_server, project, count: 6, every: 3);
        var body = new { mode = "shadow", config = new { blocklist = new[] { RerunGateway.Term } } };

        // With the task table locked, counting a window waits as it would over tens of millions of rows; the start must not.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE hive_task IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var path = $"/admin/v1/projects/{project.ProjectId}/rerun";
        var (status, started) = await _server.Client.AdminAsync(HttpMethod.Post, path, body).WaitAsync(TimeSpan.FromSeconds(10));
        var (_, abandoned) = await _server.Client.AdminAsync(HttpMethod.Post, path, body).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("running", started.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, started.GetProperty("total").ValueKind);
        Assert.Equal(0, started.GetProperty("done").GetInt64());
        var rerunId = started.GetProperty("rerun_id").GetString()!;
        var stillCounting = await RerunGateway.GetAsync(_server, rerunId);
        Assert.Equal(JsonValueKind.Null, stillCounting.GetProperty("total").ValueKind);

        // A cancel does not wait for the count either.
        var (cancelStatus, cancelled) = await _server.Client.AdminAsync(HttpMethod.Post, $"/admin/v1/reruns/{abandoned.GetProperty("rerun_id").GetString()}/cancel")
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, cancelStatus);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("total").ValueKind);

        await transaction.RollbackAsync();
        var rerun = await RerunGateway.WaitForStatusAsync(_server, rerunId, "completed");
        Assert.Equal(6, rerun.GetProperty("total").GetInt64());
        Assert.Equal(6, rerun.GetProperty("done").GetInt64());
        Assert.Equal(2, rerun.GetProperty("changed").GetInt64());
    }

    [Fact]
    public async Task Bad_rerun_requests_get_a_clear_400_or_404()
    {
        var project = await _server.Client.CreateProjectAsync("refusals");

        async Task<(HttpStatusCode, string)> Start(long projectId, object body)
        {
            var (status, error) = await _server.Client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{projectId}/rerun", body);
            return (status, error.GetProperty("message").GetString()!);
        }

        var (status, message) = await Start(project.ProjectId, new { config = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("'mode' is required", message, StringComparison.Ordinal);

        (status, message) = await Start(project.ProjectId, new { mode = "shadow", callbacks = true });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("'callbacks' can only be true in apply mode", message, StringComparison.Ordinal);

        (status, message) = await Start(project.ProjectId, new { mode = "shadow", since = "2025-02-01T00:00:00Z", until = "2025-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("'since' must be before 'until'", message, StringComparison.Ordinal);

        (status, message) = await Start(project.ProjectId, new { mode = "shadow", config = new { thresholds = new { violence = 9 } } });
        Assert.Equal(HttpStatusCode.BadRequest, status);

        (status, message) = await Start(987_654, new { mode = "shadow" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Project not found.", message);

        var (missing, _) = await _server.Client.AdminAsync(HttpMethod.Get, $"/admin/v1/reruns/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing);

        var (bad, error) = await _server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{Guid.NewGuid()}?history=yes");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("'history' must be true or false.", error.GetProperty("message").GetString());
    }
}
