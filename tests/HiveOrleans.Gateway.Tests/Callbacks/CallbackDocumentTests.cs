using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>
/// The answers about callbacks pinned as text (see <see cref="PinnedJson"/>): a resend, by the project or an operator,
/// and the operator's list of failing callbacks. Retries wait an hour here, so a failing callback stays at one attempt.
/// </summary>
public sealed class CallbackDocumentTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Tasks:CallbackRetryDelays:0"] = "01:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_resend_answers_with_the_task_the_address_and_who_asked_when()
    {
        var client = _server.Client;
        var project = await client.CreateProjectAsync("resend");
        await using var receiver = await CallbackReceiver.StartAsync();
        var callbackUrl = new Uri(receiver.Url, "resend?a=1&b=2").ToString();
        var (_, ack) = await client.SubmitTextAsync(project.Key, "async", "send me again", callbackUrl);
        var taskId = ack.GetProperty("task_id").GetString()!;
        await receiver.NextAsync();

        var byApi = await client.SendRawAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{taskId}/resend").WithToken(project.Key));
        byApi.AssertPinned(HttpStatusCode.OK, """{"task_id":"<guid>","message":"The callback will be sent again.","callback_url":"<url>","resent_on":"<time>","resent_by":"api"}""", (callbackUrl, "<url>"));
        Assert.Contains(taskId, byApi.Text, StringComparison.Ordinal);
        await receiver.NextAsync();

        var byOperator = await client.AdminRawAsync(HttpMethod.Post, $"/admin/v1/tasks/{taskId}/resend");
        byOperator.AssertPinned(HttpStatusCode.OK, """{"task_id":"<guid>","message":"The callback will be sent again.","callback_url":"<url>","resent_on":"<time>","resent_by":"manual"}""", (callbackUrl, "<url>"));
    }

    [Fact]
    public async Task The_failing_callback_list_names_each_task_its_attempts_last_answer_and_next_try()
    {
        var client = _server.Client;
        var project = await client.CreateProjectAsync("failing");
        (await client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{project.ProjectId}/failing-callbacks"))
            .AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{project.ProjectId}},"tasks":[]}""");

        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = _ => HttpStatusCode.ServiceUnavailable;
        var (_, ack) = await client.SubmitTextAsync(project.Key, "async", "receiver is down", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;
        await receiver.NextAsync();

        var failing = await Eventually.UntilAsync(
            () => client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{project.ProjectId}/failing-callbacks"),
            answer => answer.Text.Contains(taskId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "the failed callback to be listed");
        failing.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{project.ProjectId}},"tasks":[{"task_id":"<guid>","callback_url":"<url>","attempts":1,"last_status_code":503,"last_error":null,"last_attempt_on":"<time>","next_attempt_on":"<time>"}]}""", (receiver.Url.ToString(), "<url>"));
        Assert.Equal(taskId, JsonDocument.Parse(failing.Text).RootElement.GetProperty("tasks")[0].GetProperty("task_id").GetString());
    }
}
