using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Admin;

public sealed class AdminAndHealthTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task Creating_a_project_returns_its_id_two_distinct_keys_and_a_webhook_secret()
    {
        var project = await _client.CreateProjectAsync("created in a test");

        Assert.True(project.ProjectId > 0);
        Assert.Equal(2, project.ApiKeys.Count);
        Assert.NotEqual(project.ApiKeys[0], project.ApiKeys[1]);
        Assert.All(project.ApiKeys, key => Assert.True(key.Length >= 40));
        Assert.False(string.IsNullOrEmpty(project.WebhookSecret));
    }

    [Fact]
    public async Task The_operator_api_refuses_a_missing_or_wrong_operator_token()
    {
        var (missing, missingBody) = await _client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/v1/projects")
        {
            Content = JsonContent.Create(new { name = "x", model_type = "text" }),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(401, missingBody.GetProperty("return_code").GetInt32());

        var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/projects") { Content = JsonContent.Create(new { name = "x", model_type = "text" }) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        var (status, body) = await _client.SendJsonAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Invalid operator token.", body.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"name": "x", "model_type": "holograms"}""", "'model_type' must be one of")]
    [InlineData("""{"name": "x", "model_type": "logo"}""", "model_type 'logo' is not available in this version")]
    [InlineData("""{"model_type": "text"}""", "'name' is required")]
    [InlineData("""{"name": "x", "model_type": "text", "review": "sometimes"}""", "'review' must be")]
    public async Task A_bad_project_definition_gets_400_saying_why(string json, string messageStart)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/projects")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);
        var (status, body) = await _client.SendJsonAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_readiness_answer_when_cluster_and_store_are_up()
    {
        var health = await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "/healthz"));
        Assert.Equal((HttpStatusCode.OK, "application/json; charset=utf-8", """{"status":"ok"}"""), (health.Status, health.ContentType, health.Text));
        var ready = await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "/readyz"));
        Assert.Equal((HttpStatusCode.OK, "application/json; charset=utf-8", """{"status":"ready"}"""), (ready.Status, ready.ContentType, ready.Text));
    }

    [Fact]
    public async Task The_gateway_serves_an_openapi_document_naming_the_task_endpoints()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v2/task/sync", document, StringComparison.Ordinal);
        Assert.Contains("/api/v2/task/async", document, StringComparison.Ordinal);
        Assert.Contains("/admin/v1/projects", document, StringComparison.Ordinal);
    }
}
