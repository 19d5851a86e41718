using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Tasks;

public sealed class TaskApiTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;
    private readonly string _key = gateway.Project.Key;

    public static TheoryData<string> ContentTypes => new() { "json", "multipart", "urlencoded" };

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public async Task Sync_text_task_answers_with_the_finished_task_scored_by_the_engine(string contentType)
    {
        // A text of its own per case: the same text again in this project would be answered from the result cache.
        var text = $"I will kill you tomorrow, you worthless idiot. ({contentType})";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = Body(contentType, text, "meta-1") };
        var (status, task) = await _client.SendJsonAsync(request.WithToken(_key));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));
        Assert.Equal("SUCCESS", task.GetProperty("status")[0].GetProperty("status").GetProperty("message").GetString());
        Assert.Equal(task.GetProperty("id").GetString(), task.GetProperty("task_id").GetString());
        Assert.Equal(gateway.Project.ProjectId, task.GetProperty("project_id").GetInt64());
        Assert.Equal("meta-1", task.GetProperty("metadata").GetString());
        Assert.Equal(200, task.GetProperty("code").GetInt32());
        Assert.False(task.GetProperty("from_cache").GetBoolean());

        var classes = HiveApi.Classes(task).ToDictionary(c => c.Class, c => c.Score);
        foreach (var head in new[] { "sexual", "hate", "violence", "bullying", "drugs", "self_harm", "spam", "promotions", "child_exploitation", "gibberish" })
        {
            Assert.Contains(head, classes.Keys);
        }

        Assert.Equal(3, HiveApi.Score(task, "violence"));
        var input = task.GetProperty("status")[0].GetProperty("response").GetProperty("input");
        Assert.Equal(Md5Hex(text), input.GetProperty("hash").GetString());
        Assert.Equal(text, input.GetProperty("text").GetString());
        Assert.Equal("text", input.GetProperty("model_type").GetString());
    }

    [Fact]
    public async Task Benign_text_scores_zero_on_every_head()
    {
        var (status, task) = await _client.SubmitTextAsync(_key, "sync", "The weather in Scunthorpe was lovely for our picnic today.");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(HiveApi.Classes(task), c => Assert.Equal(0, c.Score));
    }

    [Fact]
    public async Task Async_task_is_acknowledged_then_posted_to_its_callback_url()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var callbackUrl = new Uri(receiver.Url, "async-1").ToString();

        var (status, ack) = await _client.SubmitTextAsync(_key, "async", "Contact me at jane.doe@example.com", callbackUrl, "order-77");

        Assert.Equal(HttpStatusCode.OK, status);
        var taskId = ack.GetProperty("task_id").GetString()!;
        Assert.Equal(taskId, ack.GetProperty("id").GetString());
        Assert.Equal("We received your task.", ack.GetProperty("message").GetString());
        Assert.Equal(callbackUrl, ack.GetProperty("callback_url").GetString());
        Assert.Equal("PENDING", ack.GetProperty("status")[0].GetProperty("status").GetProperty("code").GetString());

        var callback = await receiver.NextAsync();
        Assert.Equal("/hook/async-1", callback.Path);
        Assert.StartsWith("application/json", callback.ContentType, StringComparison.Ordinal);
        using var posted = JsonDocument.Parse(callback.Body);
        var task = posted.RootElement;
        Assert.Equal(taskId, task.GetProperty("task_id").GetString());
        Assert.Equal("0", HiveApi.StatusCode(task));
        Assert.Equal("order-77", task.GetProperty("metadata").GetString());
        var pii = task.GetProperty("status")[0].GetProperty("response").GetProperty("pii_entities");
        Assert.Contains(pii.EnumerateArray(), p => p.GetProperty("value").GetString() == "jane.doe@example.com");
    }

    [Fact]
    public async Task A_task_can_be_fetched_by_each_documented_path()
    {
        var (_, ack) = await _client.SubmitTextAsync(_key, "async", "Polling works for everyone.");
        var taskId = ack.GetProperty("task_id").GetString()!;
        var finished = await _client.WaitForFinishedAsync(_key, taskId);
        Assert.Equal("0", HiveApi.StatusCode(finished));

        foreach (var path in new[] { $"/api/v2/task/{taskId}", $"/api/v1/task?task_id={taskId}", $"/api/v2/task?task_id={taskId}" })
        {
            var (status, task) = await _client.GetTaskAsync(_key, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(taskId, task.GetProperty("task_id").GetString());
            Assert.Equal("0", HiveApi.StatusCode(task));
        }
    }

    [Fact]
    public async Task The_v1_aliases_accept_submissions()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/task/sync") { Content = Body("json", "hello there", null) };
        var (status, task) = await _client.SendJsonAsync(request.WithToken(_key));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));

        using var asyncRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/task/async") { Content = Body("json", "hello again", null) };
        var (asyncStatus, ack) = await _client.SendJsonAsync(asyncRequest.WithToken(_key));
        Assert.Equal(HttpStatusCode.OK, asyncStatus);
        Assert.Equal("We received your task.", ack.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Json_metadata_that_is_not_a_string_comes_back_as_the_same_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync")
        {
            Content = new StringContent("""{"text_data": "fine text", "metadata": {"post": 12, "tags": ["a", "b"]}}""", Encoding.UTF8, "application/json"),
        };
        var (status, task) = await _client.SendJsonAsync(request.WithToken(_key));

        Assert.Equal(HttpStatusCode.OK, status);
        var metadata = task.GetProperty("metadata");
        Assert.Equal(12, metadata.GetProperty("post").GetInt32());
        Assert.Equal("b", metadata.GetProperty("tags")[1].GetString());
    }

    [Fact]
    public async Task The_token_scheme_is_matched_case_insensitively()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = Body("json", "hello", null) };
        request.Headers.TryAddWithoutValidation("authorization", $"TOKEN {_key}");
        var (status, _) = await _client.SendJsonAsync(request);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Both_keys_of_a_project_work()
    {
        var (first, _) = await _client.SubmitTextAsync(gateway.Project.ApiKeys[0], "sync", "one");
        var (second, _) = await _client.SubmitTextAsync(gateway.Project.ApiKeys[1], "sync", "two");
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
    }

    [Fact]
    public async Task Text_output_pages_with_frame_offset_and_limit()
    {
        var (_, task) = await _client.SubmitTextAsync(_key, "sync", "First sentence. Second sentence. Third sentence.");
        var taskId = task.GetProperty("task_id").GetString()!;
        var all = task.GetProperty("status")[0].GetProperty("response").GetProperty("output").GetArrayLength();
        Assert.Equal(3, all);

        var (status, page) = await _client.GetTaskAsync(_key, $"/api/v2/task/{taskId}?frame_offset=1&frame_limit=1");
        Assert.Equal(HttpStatusCode.OK, status);
        var output = page.GetProperty("status")[0].GetProperty("response").GetProperty("output");
        Assert.Equal(1, output.GetArrayLength());
        Assert.Equal(16, output[0].GetProperty("start_char_index").GetInt32());
    }

    internal static HttpContent Body(string contentType, string text, string? metadata)
    {
        var fields = new Dictionary<string, string> { ["text_data"] = text };
        if (metadata is not null)
        {
            fields["metadata"] = metadata;
        }

        switch (contentType)
        {
            case "json":
                return JsonContent.Create(fields);
            case "urlencoded":
                return new FormUrlEncodedContent(fields);
            default:
                var multipart = new MultipartFormDataContent();
                foreach (var (name, value) in fields)
                {
                    multipart.Add(new StringContent(value), name);
                }

                return multipart;
        }
    }

    private static string Md5Hex(string text)
    {
#pragma warning disable CA5351 // The contract's content hash.
        return Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
    }
}
