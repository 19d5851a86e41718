using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Reruns;

/// <summary>Apply mode's callbacks (only when asked), and reruns with history on the embedded SQLite store.</summary>
public sealed class RerunCallbackAndEmbeddedTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hiveorleans-reruns-embedded-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task An_applied_rerun_sends_the_new_result_to_the_callback_only_when_asked_and_works_on_sqlite_too()
    {
        await using var server = await GatewayServer.StartEmbeddedAsync(_dataDirectory, RerunGateway.SlowReruns(tasksPerSecond: 100));
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await server.Client.CreateProjectAsync("callbacks");
        var ids = new List<string>();
        foreach (var text in new[] { $"A {RerunGateway.Term} was in the parcel", "The parcel was fine" })
        {
            var (_, ack) = await server.Client.SubmitTextAsync(project.Key, "async", text, new Uri(receiver.Url, "hook").ToString());
            ids.Add(ack.GetProperty("task_id").GetString()!);
        }

        var first = new[] { await receiver.NextAsync(), await receiver.NextAsync() };
        Assert.All(first, callback => Assert.DoesNotContain("custom_blocklist", callback.Body, StringComparison.Ordinal));

        // Without "callbacks": the task changes, nobody is called.
        var quiet = await RerunGateway.StartAsync(server, project.ProjectId, new { mode = "apply", config = new { blocklist = new[] { RerunGateway.Term } } });
        var quietRun = await RerunGateway.WaitForStatusAsync(server, quiet, "completed");
        Assert.True(quietRun.GetProperty("changed").GetInt64() == 1, quietRun.GetRawText());
        var (_, flagged) = await server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{ids[0]}");
        Assert.Contains("custom_blocklist", flagged.GetProperty("status")[0].GetProperty("response").GetProperty("custom_classes").GetRawText(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, receiver.Count);

        // With it: only the task whose result changed is sent again, carrying the new result.
        var loud = await RerunGateway.StartAsync(server, project.ProjectId, new { mode = "apply", callbacks = true, config = new { blocklist = Array.Empty<string>() } });
        var rerun = await RerunGateway.WaitForStatusAsync(server, loud, "completed");
        Assert.Equal(1, rerun.GetProperty("changed").GetInt64());
        Assert.Equal("""[{"head":"custom_blocklist","from":3,"to":0,"direction":"cleared","count":1}]""", rerun.GetProperty("heads").GetRawText());
        var resent = await receiver.NextAsync();
        using (var body = JsonDocument.Parse(resent.Body))
        {
            Assert.Equal(ids[0], body.RootElement.GetProperty("task_id").GetString());
            Assert.Equal("[]", body.RootElement.GetProperty("status")[0].GetProperty("response").GetProperty("custom_classes").GetRawText());
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(3, receiver.Count);

        var (status, task) = await server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{ids[0]}?history=true");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["submission", $"rerun:{quiet}", $"rerun:{loud}"], task.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("trigger").GetString()));
        Assert.Equal([false, false, true], task.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("current").GetBoolean()));
    }
}
