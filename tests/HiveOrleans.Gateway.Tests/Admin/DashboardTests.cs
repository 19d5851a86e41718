using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Admin;

/// <summary>Orleans' dashboard on the gateway, behind the operator token: as a Bearer header, or as a browser's Basic login.</summary>
public sealed class DashboardTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Theory]
    [InlineData("/admin/dashboard/")]
    [InlineData("/admin/dashboard/index.min.js")]
    [InlineData("/admin/dashboard/DashboardCounters")]
    [InlineData("/admin/dashboard/Trace")]
    public async Task Without_the_operator_token_the_dashboard_answers_401_json_and_a_login_challenge(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, body.RootElement.GetProperty("return_code").GetInt32());
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task With_the_operator_token_the_dashboard_serves_its_page_and_the_cluster_s_silos()
    {
        using var page = await _client.SendAsync(Get("/admin/dashboard/", new AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The dashboard's grain gathers its counters on a timer of its own: the silo shows up with its first round.
        await Eventually.UntilAsync(
            async () =>
            {
                using var counters = await _client.SendAsync(Get("/admin/dashboard/DashboardCounters", new AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken)));
                Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
                using var body = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
                return body.RootElement.GetProperty("hosts").EnumerateArray().Count(host => host.GetProperty("status").GetString() == "Active");
            },
            active => active > 0,
            TimeSpan.FromSeconds(30),
            "the dashboard to show the silo as active");
    }

    [Fact]
    public async Task A_browser_logs_in_with_the_token_as_its_password_and_is_asked_again_after_a_wrong_one()
    {
        using var right = await _client.SendAsync(Get("/admin/dashboard/DashboardCounters", Basic("operator", GatewayServer.OperatorToken)));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        using var wrong = await _client.SendAsync(Get("/admin/dashboard/DashboardCounters", Basic("operator", "not-the-token")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Basic", Assert.Single(wrong.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_refused_as_on_the_operator_api()
    {
        using var response = await _client.SendAsync(Get("/admin/dashboard/DashboardCounters", new AuthenticationHeaderValue("Bearer", "not-the-token")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static HttpRequestMessage Get(string path, AuthenticationHeaderValue authorization) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = authorization } };

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
