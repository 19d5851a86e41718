using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>What a test does through the public HTTP API, written once.</summary>
public static class HiveApi
{
    public static async Task<CreatedProject> CreateProjectAsync(this HttpClient client, string name = "test project", double? syncTimeoutSeconds = null)
    {
        var definition = new Dictionary<string, object> { ["name"] = name, ["model_type"] = "text", ["review"] = "model_only" };
        if (syncTimeoutSeconds is { } seconds)
        {
            definition["sync_timeout_seconds"] = seconds;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/projects") { Content = JsonContent.Create(definition) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"project creation answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new CreatedProject(
            root.GetProperty("project_id").GetInt64(),
            [.. root.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            root.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>Calls the operator API with the operator token and returns the status and JSON body.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> AdminAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);
        return client.SendJsonAsync(request);
    }

    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string key)
    {
        request.Headers.TryAddWithoutValidation("authorization", $"token {key}");
        return request;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} with '{response.Content.Headers.ContentType}': {text}");
            using var json = JsonDocument.Parse(text);
            return (response.StatusCode, json.RootElement.Clone());
        }
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> SubmitTextAsync(
        this HttpClient client, string key, string mode, string text, string? callbackUrl = null, string? metadata = null)
    {
        var fields = new Dictionary<string, string> { ["text_data"] = text };
        if (callbackUrl is not null)
        {
            fields["callback_url"] = callbackUrl;
        }

        if (metadata is not null)
        {
            fields["metadata"] = metadata;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{mode}") { Content = new FormUrlEncodedContent(fields) };
        return client.SendJsonAsync(request.WithToken(key));
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetTaskAsync(this HttpClient client, string key, string path) =>
        client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, path).WithToken(key));

    /// <summary>Polls a task until it is finished, failing if it is not within the deadline.</summary>
    public static Task<JsonElement> WaitForFinishedAsync(this HttpClient client, string key, string taskId, TimeSpan? deadline = null) =>
        Eventually.UntilAsync(
            async () =>
            {
                var (status, body) = await client.GetTaskAsync(key, $"/api/v2/task/{taskId}");
                Assert.Equal(HttpStatusCode.OK, status);
                return body;
            },
            body => StatusCode(body) is not ("PENDING" or "PROCESSING"),
            deadline ?? TimeSpan.FromSeconds(60),
            $"task {taskId} to finish");

    public static string StatusCode(JsonElement task) =>
        task.GetProperty("status")[0].GetProperty("status").GetProperty("code").GetString()!;

    public static IEnumerable<(string Class, double Score)> Classes(JsonElement task, int entry = 0) =>
        task.GetProperty("status")[0].GetProperty("response").GetProperty("output")[entry].GetProperty("classes").EnumerateArray()
            .Select(c => (c.GetProperty("class").GetString()!, c.GetProperty("score").GetDouble()));

    public static double Score(JsonElement task, string head) =>
        task.GetProperty("status")[0].GetProperty("response").GetProperty("output").EnumerateArray()
            .SelectMany(o => o.GetProperty("classes").EnumerateArray())
            .Where(c => c.GetProperty("class").GetString() == head)
            .Max(c => c.GetProperty("score").GetDouble());
}

public sealed record CreatedProject(long ProjectId, IReadOnlyList<string> ApiKeys, string WebhookSecret)
{
    public string Key => ApiKeys[0];
}
