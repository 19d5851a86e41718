using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Admin;

/// <summary>
/// The reviewers of manual review through the operator API on a real gateway and silo: tokens shown once and resolved
/// through the token grain (called through the cluster's client, as the reviewer API will), rotation, disable ending
/// review leases in the real PostgreSQL queue, and the refusals.
/// </summary>
public sealed class ReviewerAdminTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly HttpClient _client = gateway.Client;

    private IGrainFactory Grains => gateway.Server.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_reviewer_is_created_with_a_token_shown_once_that_resolves_to_them()
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new
        {
            name = "  Ada  ",
            projects = new[] { gateway.OtherProject.ProjectId, gateway.Project.ProjectId, gateway.Project.ProjectId },
            roles = new[] { "senior", "reviewer" },
        });

        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("reviewer_id").GetInt64();
        Assert.True(id > 0);
        Assert.Equal(
            ["reviewer_id", "name", "projects", "roles", "disabled", "created_on", "updated_on", "token"],
            created.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Ada", created.GetProperty("name").GetString());
        Assert.Equal(new[] { gateway.Project.ProjectId, gateway.OtherProject.ProjectId }.Order(), created.GetProperty("projects").EnumerateArray().Select(p => p.GetInt64()));
        Assert.Equal(["reviewer", "senior"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(created.GetProperty("disabled").GetBoolean());
        var token = created.GetProperty("token").GetString()!;
        Assert.Equal(43, token.Length);

        var identity = await ResolveAsync(token);
        Assert.NotNull(identity);
        Assert.Equal(id, identity.ReviewerId);
        Assert.Equal(new[] { gateway.Project.ProjectId, gateway.OtherProject.ProjectId }.Order(), identity.Projects);
        Assert.Equal(["reviewer", "senior"], identity.Roles);
        Assert.Null(await ResolveAsync(ReviewerKeys.NewToken()));
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_hash()
    {
        var (id, token) = await CreateAsync("stored hashed");

        await using var connection = new NpgsqlConnection(gateway.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT state_name, convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE state_name IN ('reviewer', 'reviewertoken') AND payload IS NOT NULL",
            connection);
        var payloads = new List<(string State, string Payload)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                payloads.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(payloads, p => p.State == "reviewer" && p.Payload.Contains(ReviewerKeys.HashToken(token), StringComparison.Ordinal));
        Assert.Contains(payloads, p => p.State == "reviewertoken" && p.Payload.Contains(id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(payloads, p => p.Payload.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_and_reading_reviewers_never_show_a_token()
    {
        var (id, token) = await CreateAsync("listed");

        var (listStatus, list) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/reviewers");
        var (getStatus, reviewer) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/reviewers/{id}");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        var listed = Assert.Single(list.GetProperty("reviewers").EnumerateArray(), r => r.GetProperty("reviewer_id").GetInt64() == id);
        Assert.Equal("listed", listed.GetProperty("name").GetString());
        Assert.Equal("listed", reviewer.GetProperty("name").GetString());
        Assert.All(list.GetProperty("reviewers").EnumerateArray(), r => Assert.False(r.TryGetProperty("token", out _)));
        Assert.False(reviewer.TryGetProperty("token", out _));
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, reviewer.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patching_a_reviewer_changes_only_what_is_given_and_the_token_follows()
    {
        var (id, token) = await CreateAsync("before");

        var (status, renamed) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/reviewers/{id}", new { name = "after" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("after", renamed.GetProperty("name").GetString());
        Assert.Equal([gateway.Project.ProjectId], renamed.GetProperty("projects").EnumerateArray().Select(p => p.GetInt64()));
        Assert.Equal(["reviewer"], renamed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var (_, moved) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/reviewers/{id}", new { projects = new[] { gateway.OtherProject.ProjectId }, roles = new[] { "senior" } });
        Assert.Equal("after", moved.GetProperty("name").GetString());
        Assert.Equal([gateway.OtherProject.ProjectId], moved.GetProperty("projects").EnumerateArray().Select(p => p.GetInt64()));
        Assert.Equal(["senior"], moved.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(moved.GetProperty("updated_on").GetDateTimeOffset() >= moved.GetProperty("created_on").GetDateTimeOffset());

        var identity = await ResolveAsync(token);
        Assert.Equal([gateway.OtherProject.ProjectId], identity!.Projects);
        Assert.Equal(["senior"], identity.Roles);
        var (_, read) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/reviewers/{id}");
        Assert.Equal("after", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rotating_the_token_ends_the_old_one_at_once_and_the_new_one_resolves()
    {
        var (id, old) = await CreateAsync("rotated");

        var (status, rotated) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/token/rotate");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, rotated.GetProperty("reviewer_id").GetInt64());
        var fresh = rotated.GetProperty("token").GetString()!;
        Assert.NotEqual(old, fresh);
        Assert.Null(await ResolveAsync(old));
        Assert.Equal(id, (await ResolveAsync(fresh))!.ReviewerId);
    }

    [Fact]
    public async Task Disabling_a_reviewer_ends_their_token_and_their_review_leases_at_once()
    {
        // A project of the test's own, so its queue holds only this test's task.
        var project = await _client.CreateProjectAsync("reviewed");
        var (id, token) = await CreateAsync("leaves", project.ProjectId);
        var tasks = gateway.Server.Services.GetRequiredService<ITaskStore>();
        var queues = gateway.Server.Services.GetRequiredService<IReviewQueueStore>();
        var taskId = Guid.NewGuid();
        await tasks.WriteAsync(new TaskWrite(taskId, project.ProjectId, null, null, TaskLedgerReason.Work, [1]) { Review = new ReviewPlacement("main", DateTimeOffset.UtcNow) });
        Assert.Equal(taskId, (await queues.ClaimAsync(project.ProjectId, "main", id, Lease))!.TaskId);
        const long otherReviewer = 999_999;
        Assert.Null(await queues.ClaimAsync(project.ProjectId, "main", otherReviewer, Lease));

        var (status, disabled) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/disable");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        Assert.Null(await ResolveAsync(token));
        Assert.Equal(taskId, (await queues.ClaimAsync(project.ProjectId, "main", otherReviewer, Lease))!.TaskId);

        var (enableStatus, enabled) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/enable");
        Assert.Equal(HttpStatusCode.OK, enableStatus);
        Assert.False(enabled.GetProperty("disabled").GetBoolean());
        Assert.Equal(id, (await ResolveAsync(token))!.ReviewerId);
    }

    [Theory]
    [InlineData("""{"projects": [1], "roles": ["reviewer"]}""", "'name' is required")]
    [InlineData("""{"name": "   ", "projects": [1], "roles": ["reviewer"]}""", "'name' is required and 1 to 200 characters.")]
    [InlineData("""{"name": 5, "projects": [1], "roles": ["reviewer"]}""", "'name' must be a string.")]
    [InlineData("""{"name": "x", "roles": ["reviewer"]}""", "'projects' is required")]
    [InlineData("""{"name": "x", "projects": 1, "roles": ["reviewer"]}""", "'projects' must be an array of project ids.")]
    [InlineData("""{"name": "x", "projects": [1, "2"], "roles": ["reviewer"]}""", "'projects[1]' must be a whole number of 1 or more.")]
    [InlineData("""{"name": "x", "projects": [0], "roles": ["reviewer"]}""", "'projects[0]' must be a whole number of 1 or more.")]
    [InlineData("""{"name": "x", "projects": [987654], "roles": ["reviewer"]}""", "'projects' names project 987654, which does not exist.")]
    [InlineData("""{"name": "x", "projects": [1], "roles": []}""", "'roles' needs at least one of \"reviewer\", \"senior\".")]
    [InlineData("""{"name": "x", "projects": [1], "roles": ["admin"]}""", "'roles' names 'admin', which is not a role")]
    [InlineData("""{"name": "x", "projects": [1]}""", "'roles' is required")]
    [InlineData("""{"name": "x", "projects": [1], "roles": "reviewer"}""", "'roles' must be an array of strings.")]
    [InlineData("""{"name": "x", "name": "y", "projects": [1], "roles": ["reviewer"]}""", "'name' was given twice; give it once.")]
    [InlineData("""[]""", "The JSON body must be an object.")]
    public async Task An_invalid_reviewer_gets_400_saying_which_field_and_why(string json, string messageStart)
    {
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("return_code").GetInt32());
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_over_200_characters_and_over_1000_projects_get_400()
    {
        var (nameStatus, nameBody) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new { name = new string('n', 201), projects = new[] { gateway.Project.ProjectId }, roles = new[] { "reviewer" } });
        var (countStatus, countBody) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new { name = "many", projects = Enumerable.Range(1, 1001).ToArray(), roles = new[] { "reviewer" } });

        Assert.Equal(HttpStatusCode.BadRequest, nameStatus);
        Assert.Equal("'name' is required and 1 to 200 characters.", nameBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, countStatus);
        Assert.Equal("'projects' may name at most 1,000 projects; got 1,001.", countBody.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_patch_with_a_bad_value_gets_400_and_changes_nothing()
    {
        var (id, _) = await CreateAsync("unchanged");

        var (status, body) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/reviewers/{id}", new { name = "changed", projects = new[] { 987654 } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'projects' names project 987654, which does not exist.", body.GetProperty("message").GetString());
        var (_, read) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/reviewers/{id}");
        Assert.Equal("unchanged", read.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("GET", "/admin/v1/reviewers/987654")]
    [InlineData("PATCH", "/admin/v1/reviewers/987654")]
    [InlineData("POST", "/admin/v1/reviewers/987654/token/rotate")]
    [InlineData("POST", "/admin/v1/reviewers/987654/disable")]
    [InlineData("POST", "/admin/v1/reviewers/987654/enable")]
    public async Task An_unknown_reviewer_gets_404(string method, string path)
    {
        var (status, body) = await _client.AdminAsync(new HttpMethod(method), path, method == "PATCH" ? new { name = "nobody" } : null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Reviewer not found.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_reviewer_endpoints_take_the_operator_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/reviewers");
        var (status, _) = await _client.SendJsonAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private async Task<(long Id, string Token)> CreateAsync(string name, long? projectId = null)
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new
        {
            name,
            projects = new[] { projectId ?? gateway.Project.ProjectId },
            roles = new[] { "reviewer" },
        });
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        return (created.GetProperty("reviewer_id").GetInt64(), created.GetProperty("token").GetString()!);
    }

    private Task<ReviewerIdentity?> ResolveAsync(string token) =>
        Grains.GetGrain<IReviewerTokenGrain>(ReviewerKeys.TokenGrainKey(token)).ResolveAsync();
}
