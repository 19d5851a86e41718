using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Storage.Media;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Ocr;
using HiveOrleans.Tests.Speech;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Reruns;

/// <summary>
/// Reruns of media projects on a real gateway and PostgreSQL, with the real models: a visual project's stored images
/// run again under a bank attached or thresholds changed, a task whose media the retention sweep deleted is counted
/// apart, and an OCR project's picture is read again under a new blocklist and a speech project's voice note heard again.
/// </summary>
public sealed class MediaRerunTests : IAsyncLifetime
{
    private const string OtherBank = "rerun-other";
    private const string KnownBank = "rerun-known";

    private readonly PostgresDatabase _database = new();
    private readonly SpokenAudio _audio = new();
    private GatewayServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:HashBanks:PollInterval"] = "00:00:00.200",
            ["HiveOrleans:Reruns:CheckpointInterval"] = "00:00:00.100",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        _audio.Dispose();
    }

    [Fact]
    public async Task Attaching_a_bank_flips_exactly_the_banked_images_in_shadow_and_apply_mode_and_media_gone_is_counted_apart()
    {
        var images = Enumerable.Range(21, 5).Select(seed => TestMedia.SceneJpeg(seed)).ToArray();
        await _server.CreateBankAsync(OtherBank, "other", TestMedia.SceneJpeg(seed: 99));
        await _server.CreateBankAsync(KnownBank, "known", images[0], images[2]);
        var project = await CreateAsync(new { name = "banked", model_type = "visual", hash_banks = new[] { OtherBank }, visual_models = new[] { "hash_banks" } });
        var ids = new List<string>();
        foreach (var image in images)
        {
            var (status, task) = await Client.UploadAsync(project.Key, "sync", image);
            Assert.True(status == HttpStatusCode.OK && HiveApi.StatusCode(task) == "0", task.ToString());
            Assert.Equal(["no_other"], Classes(task));
            ids.Add(task.GetProperty("task_id").GetString()!);
        }

        // The last image's retention runs out and the sweep deletes it.
        await ExpireAsync(images[4]);
        var config = new { hash_banks = new[] { OtherBank, KnownBank } };

        var shadowId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "shadow", config });
        var shadow = await RerunGateway.WaitForStatusAsync(_server, shadowId, "completed");

        Assert.True(shadow.GetProperty("changed").GetInt64() == 2, shadow.GetRawText());
        Assert.Equal(5, shadow.GetProperty("done").GetInt64());
        Assert.Equal(2, shadow.GetProperty("newly_flagged").GetInt64());
        Assert.Equal(1, shadow.GetProperty("skipped").GetInt64());
        Assert.Equal(1, shadow.GetProperty("media_gone").GetInt64());
        Assert.Equal("""[{"head":"yes_known","from":0,"to":1,"direction":"newly_flagged","count":2}]""", shadow.GetProperty("heads").GetRawText());
        Assert.Equal([ids[0], ids[2]], RerunGateway.Strings(shadow.GetProperty("examples")));
        foreach (var id in ids.Take(4))
        {
            var (_, task) = await Client.GetTaskAsync(project.Key, $"/api/v2/task/{id}?history=true");
            Assert.Equal(["no_other"], Classes(task));
            Assert.Single(task.GetProperty("history").EnumerateArray());
        }

        var applyId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "apply", config });
        var applied = await RerunGateway.WaitForStatusAsync(_server, applyId, "completed");

        Assert.True(applied.GetProperty("changed").GetInt64() == 2, applied.GetRawText());
        Assert.Equal(1, applied.GetProperty("media_gone").GetInt64());
        for (var i = 0; i < 5; i++)
        {
            var (_, task) = await Client.GetTaskAsync(project.Key, $"/api/v2/task/{ids[i]}?history=true");
            var history = task.GetProperty("history").EnumerateArray().ToList();
            if (i is 0 or 2)
            {
                Assert.Equal(["yes_known", "no_other"], Classes(task));
                var match = Assert.Single(MediaApi.Output(task)[0].GetProperty("matches").EnumerateArray());
                Assert.Equal(KnownBank, match.GetProperty("bank").GetString());
                Assert.Equal(["submission", $"rerun:{applyId}"], history.Select(e => e.GetProperty("trigger").GetString()));
                Assert.Equal("[]", history[0].GetProperty("custom_classes").GetRawText());
                Assert.DoesNotContain(history[0].GetProperty("classes").EnumerateArray(), c => c.GetProperty("class").GetString() == "yes_known");
            }
            else
            {
                Assert.Equal(["no_other"], Classes(task));
                Assert.Equal("submission", Assert.Single(history).GetProperty("trigger").GetString());
            }
        }
    }

    [Fact]
    public async Task A_rerun_under_a_raised_score_threshold_reports_exactly_the_tasks_whose_class_it_floors_from_over_one_half()
    {
        var project = await CreateAsync(new { name = "nsfw", model_type = "visual" });
        var ids = new List<string>();
        var neither = new List<double>();
        foreach (var seed in new[] { 31, 32, 33 })
        {
            var (_, task) = await Client.UploadAsync(project.Key, "sync", TestMedia.SceneJpeg(seed));
            Assert.Equal("0", HiveApi.StatusCode(task));
            ids.Add(task.GetProperty("task_id").GetString()!);
            neither.Add(MediaApi.ClassOf(MediaApi.Output(task)[0], "general_not_nsfw_not_suggestive")!.Value.GetProperty("score").GetDouble());
        }

        // Floored between the two highest scores, the class reads 0 on the others: those at 0.5 or more move, no other.
        var sorted = neither.Order().ToList();
        var floor = Math.Round((sorted[1] + sorted[2]) / 2, 6);
        var flipped = ids.Where((_, i) => neither[i] is >= 0.5 && neither[i] < floor).ToList();
        Assert.True(flipped.Count is > 0 and < 3, $"the scores should leave some tasks on each side for this test to tell anything: {string.Join(", ", neither)}");
        var rerunId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "shadow", config = new { thresholds = new Dictionary<string, double> { ["general_not_nsfw_not_suggestive"] = floor } } });
        var rerun = await RerunGateway.WaitForStatusAsync(_server, rerunId, "completed");

        Assert.True(rerun.GetProperty("changed").GetInt64() == flipped.Count, $"{rerun.GetRawText()} with scores {string.Join(", ", neither)}");
        Assert.Equal(flipped, RerunGateway.Strings(rerun.GetProperty("examples")));
        Assert.Equal(0, rerun.GetProperty("newly_flagged").GetInt64());
        Assert.Equal(0, rerun.GetProperty("cleared").GetInt64());
        Assert.Equal(
            $$"""[{"head":"general_not_nsfw_not_suggestive","from":1,"to":0,"direction":"cleared","count":{{flipped.Count}}}]""",
            rerun.GetProperty("heads").GetRawText());
    }

    [Fact]
    public async Task An_ocr_project_picture_is_read_again_under_a_new_blocklist_and_applied_with_history()
    {
        var project = await CreateAsync(new { name = "ocr", model_type = "ocr" });
        var picture = TextPictures.Png(TextPictures.Layout.Plain, ["the parcel held", $"a {RerunGateway.Term} inside"]);
        var (_, task) = await Client.UploadAsync(project.Key, "sync", picture, "note.png", "image/png");
        Assert.True(HiveApi.StatusCode(task) == "0", task.ToString());
        Assert.DoesNotContain("custom_blocklist", MediaApi.Output(task).GetRawText(), StringComparison.Ordinal);
        var id = task.GetProperty("task_id").GetString()!;

        var rerunId = await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "apply", config = new { blocklist = new[] { RerunGateway.Term } } });
        var rerun = await RerunGateway.WaitForStatusAsync(_server, rerunId, "completed");

        Assert.True(rerun.GetProperty("changed").GetInt64() == 1, rerun.GetRawText());
        Assert.Equal("""[{"head":"custom_blocklist","from":0,"to":3,"direction":"newly_flagged","count":1}]""", rerun.GetProperty("heads").GetRawText());
        var (_, after) = await Client.GetTaskAsync(project.Key, $"/api/v2/task/{id}?history=true");
        var blocks = MediaApi.Output(after)[0].GetProperty("frame_results").EnumerateArray().ToList();
        var hit = Assert.Single(blocks, block => block.GetProperty("custom_classes").GetRawText().Contains("custom_blocklist", StringComparison.Ordinal));
        Assert.Contains(hit.GetProperty("text_filters").EnumerateArray(), f => f.GetProperty("value").GetString()!.Equals(RerunGateway.Term, StringComparison.OrdinalIgnoreCase));
        var history = after.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["submission", $"rerun:{rerunId}"], history.Select(e => e.GetProperty("trigger").GetString()));
        Assert.Contains(history[1].GetProperty("classes").EnumerateArray(), c => c.GetProperty("class").GetString() == "custom_blocklist" && c.GetProperty("score").GetDouble() == 3);
    }

    [Fact]
    public async Task A_speech_project_voice_note_is_heard_again_to_the_same_verdict_until_its_media_is_gone()
    {
        // A speech project takes no thresholds or lists: a rerun hears its stored audio again, as after a new recogniser.
        var project = await CreateAsync(new { name = "voice", model_type = "speech" });
        var note = await File.ReadAllBytesAsync(await _audio.WavAsync(SpokenAudio.Threat));
        var (_, task) = await Client.UploadAsync(project.Key, "sync", note, "note.wav", "audio/wav");
        Assert.True(HiveApi.StatusCode(task) == "0", task.ToString());

        var heard = await RerunGateway.WaitForStatusAsync(_server, await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "shadow" }), "completed");

        Assert.True(heard.GetProperty("done").GetInt64() == 1 && heard.GetProperty("skipped").GetInt64() == 0, heard.GetRawText());
        Assert.Equal(0, heard.GetProperty("changed").GetInt64());
        Assert.Equal(0, heard.GetProperty("media_gone").GetInt64());

        await ExpireAsync(note);
        var gone = await RerunGateway.WaitForStatusAsync(_server, await RerunGateway.StartAsync(_server, project.ProjectId, new { mode = "apply" }), "completed");

        Assert.True(gone.GetProperty("media_gone").GetInt64() == 1, gone.GetRawText());
        Assert.Equal(1, gone.GetProperty("skipped").GetInt64());
        var (_, unchanged) = await Client.GetTaskAsync(project.Key, $"/api/v2/task/{task.GetProperty("task_id").GetString()}?history=true");
        Assert.Equal("0", HiveApi.StatusCode(unchanged));
        Assert.Equal("submission", Assert.Single(unchanged.GetProperty("history").EnumerateArray()).GetProperty("trigger").GetString());
    }

    private async Task<CreatedProject> CreateAsync(object definition)
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.True(status == HttpStatusCode.Created, $"project creation answered {(int)status}: {body}");
        return new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>Ends the retention of <paramref name="media"/>'s blob and lets the store's sweep delete it, as hours later.</summary>
    private async Task ExpireAsync(byte[] media)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(media));
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE hive_media SET expires_at = now() - interval '1 day' WHERE media_key = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // The silo's own sweep may have been first; either way the blob is gone.
        var store = _server.Services.GetRequiredService<IMediaStore>();
        await store.DeleteExpiredAsync(100);
        await Assert.ThrowsAsync<MediaNotFoundException>(() => store.OpenReadAsync(key));
    }

    private static List<string> Classes(JsonElement task) =>
        [.. MediaApi.Output(task)[0].GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("class").GetString()!)];
}
