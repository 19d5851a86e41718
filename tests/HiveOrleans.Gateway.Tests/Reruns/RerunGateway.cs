using System.Net;
using System.Text.Json;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Reruns;

/// <summary>What the rerun tests do through a gateway: fill a project through the SDK, start and follow reruns.</summary>
internal static class RerunGateway
{
    /// <summary>A word no lexicon knows, so only a blocklist naming it flags a text.</summary>
    public const string Term = "zorblax";

    /// <summary>A rerun slow enough to be caught mid-way: a few tasks a second, a page at a time, checkpoints often.</summary>
    public static Dictionary<string, string?> SlowReruns(double tasksPerSecond) => new()
    {
        ["HiveOrleans:Reruns:MaxTasksPerSecond"] = tasksPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HiveOrleans:Reruns:PageSize"] = "2",
        ["HiveOrleans:Reruns:CheckpointInterval"] = "00:00:00.100",
        ["HiveOrleans:Reruns:ResumeInterval"] = "00:00:00.500",
    };

    /// <summary>
    /// Submits <paramref name="count"/> plain texts through the SDK, one in <paramref name="every"/> naming <see cref="Term"/>,
    /// one after another (so ids follow submission order); returns the ids of those that name it, in order, and all ids.
    /// </summary>
    public static async Task<(List<string> Named, List<string> All)> FillAsync(GatewayServer server, CreatedProject project, int count, int every)
    {
        var hive = new HiveOrleansClient(server.Client, new HiveOrleansClientOptions { ApiKey = project.Key });
        var named = new List<string>();
        var all = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var names = i % every == 0;
            var text = names ? $"Order {i} arrived with a {Term} inside the box" : $"Order {i} arrived on time and the box was fine";
            var task = await hive.SubmitSyncAsync(ModerationRequest.ForText(text));
            Assert.True(task.Succeeded, task.StatusMessage);
            Assert.DoesNotContain(task.Raw.GetProperty("status")[0].GetProperty("response").GetProperty("custom_classes").EnumerateArray(), _ => true);
            all.Add(task.Id);
            if (names)
            {
                named.Add(task.Id);
            }
        }

        return (named, all);
    }

    public static async Task<string> StartAsync(GatewayServer server, long projectId, object body)
    {
        var (status, rerun) = await server.Client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{projectId}/rerun", body);
        Assert.True(status == HttpStatusCode.Accepted, rerun.GetRawText());
        Assert.Equal("running", rerun.GetProperty("status").GetString());
        return rerun.GetProperty("rerun_id").GetString()!;
    }

    public static async Task<JsonElement> GetAsync(GatewayServer server, string rerunId)
    {
        var (status, rerun) = await server.Client.AdminAsync(HttpMethod.Get, $"/admin/v1/reruns/{rerunId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return rerun;
    }

    public static Task<JsonElement> WaitUntilAsync(GatewayServer server, string rerunId, Func<JsonElement, bool> done, string what) =>
        Eventually.UntilAsync(() => GetAsync(server, rerunId), done, TimeSpan.FromSeconds(60), what);

    public static Task<JsonElement> WaitForStatusAsync(GatewayServer server, string rerunId, string status) =>
        WaitUntilAsync(server, rerunId, rerun => rerun.GetProperty("status").GetString() == status, $"rerun {rerunId} to be {status}");

    public static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
