using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Tasks;

/// <summary>Every error of the contract that applies to text, with its status and JSON body.</summary>
public sealed class ErrorTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;
    private readonly string _key = gateway.Project.Key;

    [Fact]
    public async Task A_request_without_authorization_gets_400_asking_for_token_auth()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = TaskApiTests.Body("json", "hi", null) };
        await AssertErrorAsync(request, HttpStatusCode.BadRequest, "Invalid Auth Method. 'Token' authentication required.");
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("abc")]
    public async Task A_scheme_other_than_token_gets_400(string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = TaskApiTests.Body("json", "hi", null) };
        request.Headers.TryAddWithoutValidation("authorization", header);
        await AssertErrorAsync(request, HttpStatusCode.BadRequest, "Invalid Auth Method. 'Token' authentication required.");
    }

    [Fact]
    public async Task A_key_that_is_not_live_gets_403()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async") { Content = TaskApiTests.Body("json", "hi", null) };
        await AssertErrorAsync(request.WithToken("not-a-real-key"), HttpStatusCode.Forbidden, "Invalid API key.");
    }

    [Fact]
    public async Task No_input_field_gets_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = JsonContent.Create(new { metadata = "x" }) };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "One of 'media', 'url' or 'text_data' is required.");
    }

    [Fact]
    public async Task Several_input_fields_get_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync")
        {
            Content = JsonContent.Create(new { text_data = "hi", url = "https://example.com/a.jpg" }),
        };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "Give exactly one of 'media', 'url' or 'text_data'");
    }

    [Fact]
    public async Task A_url_sent_to_a_text_project_gets_400_naming_the_field()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["url"] = "https://example.com/a.jpg" }),
        };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "'url' does not fit this project");
    }

    [Fact]
    public async Task A_media_file_sent_to_a_text_project_gets_400_naming_the_field()
    {
        var multipart = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "media", "a.jpg" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async") { Content = multipart };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "'media' does not fit this project");
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    public async Task A_bad_callback_url_gets_400(string callbackUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
        {
            Content = JsonContent.Create(new { text_data = "hi", callback_url = callbackUrl }),
        };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "'callback_url' must be an absolute http or https URL.");
    }

    [Fact]
    public async Task Metadata_over_16_KiB_gets_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
        {
            Content = JsonContent.Create(new { text_data = "hi", metadata = new string('m', 16 * 1024 + 1) }),
        };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "'metadata' is over 16 KiB.");
    }

    [Fact]
    public async Task Text_over_the_project_limit_gets_400_naming_the_limit()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync")
        {
            Content = JsonContent.Create(new { text_data = new string('a', 1025) }),
        };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "'text_data' is 1025 characters; this project takes at most 1024.");
    }

    [Fact]
    public async Task A_body_over_the_project_limit_gets_413()
    {
        var big = new ByteArrayContent(new byte[21 * 1024 * 1024]);
        big.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var (status, text) = await RawHttp.PostAsync(gateway.Server.Address, "/api/v2/task/async", $"token {_key}", big, chunked: false);
        Assert.Equal(413, status);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(413, body.RootElement.GetProperty("return_code").GetInt32());
        Assert.StartsWith("The request body is over this project's limit", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_content_type_gets_415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = new StringContent("hello", Encoding.UTF8, "text/plain") };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.UnsupportedMediaType, "Content type 'text/plain; charset=utf-8' is not supported");
    }

    [Fact]
    public async Task Malformed_json_gets_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = new StringContent("{\"text_data\": ", Encoding.UTF8, "application/json") };
        await AssertErrorAsync(request.WithToken(_key), HttpStatusCode.BadRequest, "The request body is not valid JSON");
    }

    [Theory]
    [InlineData("/api/v2/task/6f1c1a52-0000-7000-8000-000000000000")]
    [InlineData("/api/v2/task/not-a-task-id")]
    [InlineData("/api/v1/task?task_id=6f1c1a52-0000-7000-8000-000000000000")]
    [InlineData("/api/v2/task?task_id=")]
    public async Task An_unknown_task_gets_404(string path)
    {
        await AssertErrorAsync(new HttpRequestMessage(HttpMethod.Get, path).WithToken(_key), HttpStatusCode.NotFound, "Task not found.");
    }

    [Fact]
    public async Task Another_projects_task_gets_404_and_none_of_its_data()
    {
        var (_, ack) = await _client.SubmitTextAsync(_key, "async", "private words of project one");
        var taskId = ack.GetProperty("task_id").GetString()!;

        var (status, body) = await _client.GetTaskAsync(gateway.OtherProject.Key, $"/api/v2/task/{taskId}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("private words", body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Task not found.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bad_frame_limit_gets_400()
    {
        var (_, ack) = await _client.SubmitTextAsync(_key, "async", "frames");
        var taskId = ack.GetProperty("task_id").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/task/{taskId}?frame_limit=-3").WithToken(_key);
        await AssertErrorAsync(request, HttpStatusCode.BadRequest, "'frame_limit' must be a whole number of zero or more.");
    }

    private async Task AssertErrorAsync(HttpRequestMessage request, HttpStatusCode expected, string messageStart)
    {
        var (status, body) = await _client.SendJsonAsync(request);
        Assert.Equal(expected, status);
        Assert.Equal((int)expected, body.GetProperty("return_code").GetInt32());
        var message = body.GetProperty("message").GetString()!;
        Assert.StartsWith(messageStart, message, StringComparison.Ordinal);
    }
}
