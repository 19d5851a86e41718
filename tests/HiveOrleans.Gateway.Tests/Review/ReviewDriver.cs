using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// What the reviewer API tests do through the public HTTP API: manual-review projects, reviewers, sign-in, and calls
/// made with a Bearer token or with the session cookie. Its client keeps no cookies of its own, so a test says
/// exactly which credential each request carries.
/// </summary>
internal sealed class ReviewDriver(GatewayServer server) : IDisposable
{
    public const string CookieName = "hive_review_session";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = server.Address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public HttpClient Http => _http;

    public HttpClient Admin => server.Client;

    public void Dispose() => _http.Dispose();

    /// <summary>A project whose tasks all wait for a reviewer; a visual one names its labels (it has no fixed classes to default to).</summary>
    public async Task<CreatedProject> CreateManualReviewProjectAsync(string name, string modelType = "text")
    {
        var definition = new Dictionary<string, object> { ["name"] = name, ["model_type"] = modelType, ["review"] = "manual_review" };
        if (modelType != "text")
        {
            definition["review_labels"] = new[] { "nudity", "violence" };
        }

        var (status, body) = await Admin.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.True(status == HttpStatusCode.Created, $"manual-review project creation answered {(int)status}: {body}");
        return new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    public async Task<(long Id, string Token)> CreateReviewerAsync(string name, long[] projects, params string[] roles)
    {
        var (status, body) = await Admin.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new { name, projects, roles = roles.Length == 0 ? ["reviewer"] : roles });
        Assert.True(status == HttpStatusCode.Created, $"reviewer creation answered {(int)status}: {body}");
        return (body.GetProperty("reviewer_id").GetInt64(), body.GetProperty("token").GetString()!);
    }

    /// <summary>Submits async text and waits until the task waits for review; returns its id.</summary>
    public async Task<string> SubmitForReviewAsync(CreatedProject project, string text, string? callbackUrl = null)
    {
        var (status, ack) = await Admin.SubmitTextAsync(project.Key, "async", text, callbackUrl);
        Assert.True(status == HttpStatusCode.OK, $"submission answered {(int)status}: {ack}");
        var taskId = ack.GetProperty("task_id").GetString()!;
        await WaitUntilQueuedAsync(project, taskId);
        return taskId;
    }

    /// <summary>
    /// Waits until the task says AWAITING_REVIEW and its row is in the queue's store. The task grain answers polls
    /// while it writes, so the status can show a moment before the write that makes the task claimable is durable.
    /// </summary>
    public async Task WaitUntilQueuedAsync(CreatedProject project, string taskId)
    {
        await WaitForStatusAsync(project, taskId, "AWAITING_REVIEW");
        var queues = server.Services.GetRequiredService<IReviewQueueStore>();
        await Eventually.UntilAsync(() => queues.ReadAsync(Guid.Parse(taskId)), standing => standing is not null, TimeSpan.FromSeconds(30), $"task {taskId} to be in its queue's store");
    }

    public Task<JsonElement> WaitForStatusAsync(CreatedProject project, string taskId, string code) =>
        Eventually.UntilAsync(
            async () => (await Admin.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}")).Body,
            task => HiveApi.StatusCode(task) == code,
            TimeSpan.FromSeconds(60),
            $"task {taskId} to be {code}");

    /// <summary>Signs in and returns the session cookie's value and the CSRF token, with the raw <c>Set-Cookie</c>.</summary>
    public async Task<Session> SignInAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Post, "/review/v1/session", new { token });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in answered {(int)response.StatusCode}: {text}");
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var value = setCookie.Split(';')[0];
        Assert.StartsWith(CookieName + "=", value, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        return new Session(value[(CookieName.Length + 1)..], json.RootElement.GetProperty("csrf_token").GetString()!, setCookie, json.RootElement.Clone());
    }

    /// <summary>Sends a request with the given credentials: a Bearer token, a session cookie, a CSRF token, an Origin.</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body = null, string? bearer = null, string? cookie = null, string? csrf = null, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", $"Bearer {bearer}");
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("cookie", $"{CookieName}={cookie}");
        }

        if (csrf is not null)
        {
            request.Headers.TryAddWithoutValidation("x-csrf-token", csrf);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("origin", origin);
        }

        return _http.SendAsync(request);
    }

    /// <summary>As <see cref="SendAsync"/>, for an answer that is JSON (or none): the status and the body, if any.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(
        HttpMethod method, string path, object? body = null, string? bearer = null, string? cookie = null, string? csrf = null, string? origin = null)
    {
        using var response = await SendAsync(method, path, body, bearer, cookie, csrf, origin);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return (response.StatusCode, default);
        }

        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{method} {path} answered {(int)response.StatusCode} with '{response.Content.Headers.ContentType}': {text}");
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>Claims the next task of a project's queue with a Bearer token.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> ClaimAsync(string token, long projectId, string? queue = null) =>
        CallAsync(HttpMethod.Post, $"/review/v1/queues/{projectId}/claim" + (queue is null ? string.Empty : $"?queue={queue}"), bearer: token);

    public Task<(HttpStatusCode Status, JsonElement Body)> DecideAsync(string token, string taskId, object decision) =>
        CallAsync(HttpMethod.Post, $"/review/v1/tasks/{taskId}/decision", decision, bearer: token);

    public static string TaskIdOf(JsonElement grant) => grant.GetProperty("task").GetProperty("task_id").GetString()!;

    public static string LeaseOf(JsonElement grant) => grant.GetProperty("lease_token").GetString()!;

    /// <summary>A signed-in session: the cookie's value, its CSRF token, the raw <c>Set-Cookie</c> and the answer.</summary>
    public sealed record Session(string Cookie, string Csrf, string SetCookie, JsonElement Body);
}
