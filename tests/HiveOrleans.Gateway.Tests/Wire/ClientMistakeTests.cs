using System.Net;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Wire;

/// <summary>
/// A caller's own mistake is a 4xx with the contract's JSON body naming what was wrong, on every path and in every
/// shape, never the 503 that tells a client to retry what can never work (issue 12, item 2).
/// </summary>
public sealed class ClientMistakeTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;
    private readonly string _key = gateway.Project.Key;
    private readonly long _projectId = gateway.Project.ProjectId;

    public static TheoryData<string> SubmitPaths => ["/api/v2/task/sync", "/api/v2/task/async", "/api/v1/task/sync", "/api/v1/task/async"];

    [Theory]
    [MemberData(nameof(SubmitPaths))]
    public async Task A_lone_surrogate_escape_in_a_string_gets_400_naming_the_field(string path)
    {
        var request = Submit(path, Json("""{"text_data": "x\ud800"}"""));
        await AssertErrorAsync(request, HttpStatusCode.BadRequest, "'text_data' is not valid Unicode text.");
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_in_a_string_get_400_naming_the_field()
    {
        byte[] body = [.. "{\"text_data\": \"ok\", \"callback_url\": \"https://example.com/"u8, 0xFF, 0xFE, .. "\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        await AssertErrorAsync(Submit("/api/v2/task/async", content), HttpStatusCode.BadRequest, "'callback_url' is not valid Unicode text.");
    }

    [Fact]
    public async Task Metadata_that_is_not_valid_text_gets_400_naming_it()
    {
        var request = Submit("/api/v2/task/async", Json("""{"text_data": "hi", "metadata": "\udc00"}"""));
        await AssertErrorAsync(request, HttpStatusCode.BadRequest, "'metadata' is not valid Unicode text.");
    }

    [Theory]
    [MemberData(nameof(SubmitPaths))]
    public async Task A_json_field_given_twice_gets_400_on_every_submit_path(string path)
    {
        var request = Submit(path, Json("""{"text_data": "a", "text_data": "b"}"""));
        await AssertErrorAsync(request, HttpStatusCode.BadRequest, "'text_data' was given twice; give it once.");
    }

    [Fact]
    public async Task Metadata_given_twice_gets_400_though_its_own_contents_are_the_callers()
    {
        var twice = Submit("/api/v2/task/async", Json("""{"text_data": "a", "metadata": "x", "metadata": "y"}"""));
        await AssertErrorAsync(twice, HttpStatusCode.BadRequest, "'metadata' was given twice; give it once.");

        // Inside metadata the caller's JSON comes back untouched, so a repeated key there is not ours to refuse.
        var (status, _) = await _client.SendJsonAsync(Submit("/api/v2/task/async", Json("""{"text_data": "a", "metadata": {"k": 1, "k": 2}}""")));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_field_given_twice_gets_the_same_400_urlencoded_and_multipart()
    {
        var form = new StringContent("text_data=a&text_data=b", Encoding.UTF8, "application/x-www-form-urlencoded");
        await AssertErrorAsync(Submit("/api/v2/task/async", form), HttpStatusCode.BadRequest, "'text_data' was given twice; give it once.");

        var multipart = new MultipartFormDataContent { { new StringContent("a"), "text_data" }, { new StringContent("b"), "text_data" } };
        await AssertErrorAsync(Submit("/api/v2/task/async", multipart), HttpStatusCode.BadRequest, "'text_data' was given twice; give it once.");
    }

    [Fact]
    public async Task A_bank_field_given_twice_gets_400_naming_it()
    {
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/banks", Json("""{"name": "twice", "name": "again"}"""));
        AssertError(status, body, HttpStatusCode.BadRequest, "'name' was given twice; give it once.");
    }

    [Fact]
    public async Task A_chunk_size_that_overflows_gets_400_with_a_json_body()
    {
        var head = $"POST /api/v2/task/async HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token {_key}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nffffffffffffffff\r\n{\"text_data\": \"hi\"}\r\n0\r\n\r\n";
        var (status, body) = await RawHttp.ExchangeAsync(gateway.Server.Address, Encoding.ASCII.GetBytes(head));
        Assert.Equal(400, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(400, json.RootElement.GetProperty("return_code").GetInt32());
        Assert.StartsWith("The request could not be read", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v2/nothing-here")]
    [InlineData("/admin/v1/projects/abc")]
    [InlineData("/admin/v1/projects/1/keys/one/rotate")]
    [InlineData("/admin/v1/tasks/not-a-task/resend")]
    public async Task A_path_with_no_route_or_a_failed_route_constraint_gets_404_naming_it(string path)
    {
        var method = path.EndsWith("/rotate", StringComparison.Ordinal) || path.EndsWith("/resend", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        var (status, body) = await _client.AdminAsync(method, path);
        AssertError(status, body, HttpStatusCode.NotFound, $"Nothing is at {method} {path}");
    }

    [Fact]
    public async Task A_wrong_method_gets_405_with_a_json_body()
    {
        var (status, body) = await _client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v2/task/sync").WithToken(_key));
        AssertError(status, body, HttpStatusCode.MethodNotAllowed, "DELETE /api/v2/task/sync: this method is not allowed");
    }

    [Theory]
    [InlineData("usage?days=abc", "days")]
    [InlineData("failing-callbacks?limit=1e2", "limit")]
    public async Task A_query_value_that_does_not_bind_gets_400_naming_it(string query, string parameter)
    {
        var (status, body) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{_projectId}/{query}");
        AssertError(status, body, HttpStatusCode.BadRequest, "The request could not be read");
        Assert.Contains(parameter, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private HttpRequestMessage Submit(string path, HttpContent content) =>
        new HttpRequestMessage(HttpMethod.Post, path) { Content = content }.WithToken(_key);

    private async Task AssertErrorAsync(HttpRequestMessage request, HttpStatusCode expected, string messageStart)
    {
        var (status, body) = await _client.SendJsonAsync(request);
        AssertError(status, body, expected, messageStart);
    }

    private static void AssertError(HttpStatusCode status, JsonElement body, HttpStatusCode expected, string messageStart)
    {
        Assert.Equal(expected, status);
        Assert.Equal((int)expected, body.GetProperty("return_code").GetInt32());
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
