using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Models;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>Embedded mode: one process, SQLite under the data directory, no setup.</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:01",
        ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.200",
        ["HiveOrleans:Tasks:ResumeLease"] = "00:00:02",
    };

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hiveorleans-test-" + Guid.NewGuid().ToString("n"));
    private readonly GatedTextModel _gate = new();

    [Fact]
    public async Task Tasks_survive_a_restart_and_unfinished_ones_finish()
    {
        CreatedProject project;
        string finishedId;
        string unfinishedId;
        string finishedHash;
        await using (var first = await GatewayServer.StartEmbeddedAsync(_dataDirectory, FastRecovery, silo => silo.Services.AddSingleton<IModerationModel>(_gate)))
        {
            project = await first.Client.CreateProjectAsync("embedded");
            var (status, finished) = await first.Client.SubmitTextAsync(project.Key, "sync", "You are a pathetic loser.");
            Assert.Equal(HttpStatusCode.OK, status);
            finishedId = finished.GetProperty("task_id").GetString()!;
            finishedHash = finished.GetProperty("status")[0].GetProperty("response").GetProperty("input").GetProperty("hash").GetString()!;

            using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["text_data"] = $"{GatedTextModel.HoldMarker} still in the model when the process stops",
                    ["idempotency_key"] = "before-restart",
                }),
            };
            var (_, ack) = await first.Client.SendJsonAsync(keyed.WithToken(project.Key));
            unfinishedId = ack.GetProperty("task_id").GetString()!;
            await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "hiveorleans.db")));

        await using var second = await GatewayServer.StartEmbeddedAsync(_dataDirectory, FastRecovery);
        var (getStatus, again) = await second.Client.GetTaskAsync(project.Key, $"/api/v2/task/{finishedId}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("0", HiveApi.StatusCode(again));
        Assert.Equal(finishedHash, again.GetProperty("status")[0].GetProperty("response").GetProperty("input").GetProperty("hash").GetString());
        Assert.True(HiveApi.Score(again, "bullying") > 0);

        var resumed = await second.Client.WaitForFinishedAsync(project.Key, unfinishedId);
        Assert.Equal("0", HiveApi.StatusCode(resumed));

        // The idempotency key outlives the restart too.
        using var retried = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = "a retry", ["idempotency_key"] = "before-restart" }),
        };
        var (_, replay) = await second.Client.SendJsonAsync(retried.WithToken(project.Key));
        Assert.Equal(unfinishedId, replay.GetProperty("task_id").GetString());
    }

    public void Dispose()
    {
        _gate.Release();
        _gate.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
