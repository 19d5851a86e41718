using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Pdq;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Xunit.Abstractions;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// Turned and mirrored copies of a banked photo, uploaded through a real gateway on PostgreSQL: a bank that matches
/// transforms (the default) finds every one and names the transform in <c>matches[].transform</c>; a bank set not to
/// finds only the photo as banked; unrelated pictures match neither.
/// </summary>
public sealed class DihedralMatchingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Turned = "turned";
    private const string AsBanked = "as-banked";

    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;
    private SKBitmap _photo = null!;
    private CreatedProject _project = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:HashBanks:PollInterval"] = "00:00:00.200",
        });

        // A portrait picture, so a quarter turn changes its shape as a phone's rotated upload would.
        _photo = SyntheticImages.Scene(seed: 2, width: 480, height: 640);
        var banked = TestMedia.Jpeg(_photo);
        await _server.CreateBankAsync(Turned, "ncii", banked);
        await _server.CreateBankAsync(AsBanked, "spam_image", matchTransforms: false, banked);
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new
        {
            name = "dihedral",
            model_type = "visual",
            review = "model_only",
            hash_banks = new[] { Turned, AsBanked },
            visual_models = new[] { "hash_banks" },
        });
        Assert.True(status == HttpStatusCode.Created, $"project creation answered {(int)status}: {body}");
        _project = new CreatedProject(body.GetProperty("project_id").GetInt64(), [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)], "");
    }

    public async Task DisposeAsync()
    {
        _photo?.Dispose();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Every_turned_or_mirrored_copy_matches_the_bank_that_matches_transforms_with_its_transform()
    {
        foreach (var transform in PdqTransforms.All)
        {
            var frame = await UploadAsync(transform);

            var matches = frame.GetProperty("matches").EnumerateArray().ToList();
            var turned = Assert.Single(matches, m => m.GetProperty("bank").GetString() == Turned);
            output.WriteLine($"{transform.Name(),-16} distance {turned.GetProperty("distance").GetInt32()}");
            Assert.Equal(transform.Name(), turned.GetProperty("transform").GetString());
            Assert.Equal(1.0, (MediaApi.ClassOf(frame, "yes_ncii") ?? throw new InvalidOperationException($"no yes_ncii for {transform}: {frame}")).GetProperty("score").GetDouble());

            // The bank set to match media only as banked finds the photo as banked and nothing else.
            var original = transform == PdqTransform.Original;
            Assert.Equal(original, matches.Any(m => m.GetProperty("bank").GetString() == AsBanked));
            Assert.NotNull(MediaApi.ClassOf(frame, original ? "yes_spam_image" : "no_spam_image"));
            Assert.All(matches.Where(m => m.GetProperty("bank").GetString() == AsBanked), m => Assert.Equal("original", m.GetProperty("transform").GetString()));
        }
    }

    [Fact]
    public async Task Unrelated_pictures_turned_or_not_match_no_bank()
    {
        for (var seed = 40; seed < 46; seed++)
        {
            using var other = SyntheticImages.Scene(seed, width: 480, height: 640);
            foreach (var transform in new[] { PdqTransform.Original, PdqTransform.Rotate90, PdqTransform.FlipHorizontal })
            {
                using var copy = DihedralPixels.Apply(other, transform);
                var frame = await UploadAsync(TestMedia.Jpeg(copy));

                Assert.Empty(frame.GetProperty("matches").EnumerateArray());
                Assert.NotNull(MediaApi.ClassOf(frame, "no_ncii"));
                Assert.NotNull(MediaApi.ClassOf(frame, "no_spam_image"));
            }
        }
    }

    [Fact]
    public async Task Turning_a_bank_s_setting_on_makes_a_turned_copy_match_and_a_cached_answer_is_not_reused()
    {
        var before = await UploadAsync(PdqTransform.Rotate270);
        Assert.DoesNotContain(before.GetProperty("matches").EnumerateArray(), m => m.GetProperty("bank").GetString() == AsBanked);

        var (status, updated) = await Client.AdminAsync(HttpMethod.Patch, $"/admin/v1/banks/{AsBanked}", new { match_transforms = true });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(updated.GetProperty("bank").GetProperty("match_transforms").GetBoolean());
        await _server.Services.GetRequiredService<BankIndex>().WaitForAsync(updated.GetProperty("seq").GetInt64(), TimeSpan.FromSeconds(15));

        var (task, after) = await UploadTaskAsync(Copy(PdqTransform.Rotate270));
        Assert.False(task.GetProperty("from_cache").GetBoolean());
        var match = Assert.Single(after.GetProperty("matches").EnumerateArray(), m => m.GetProperty("bank").GetString() == AsBanked);
        Assert.Equal("rotate270", match.GetProperty("transform").GetString());
        Assert.NotNull(MediaApi.ClassOf(after, "yes_spam_image"));
    }

    [Fact]
    public async Task Every_sampled_frame_of_a_video_of_a_mirrored_copy_matches_with_its_transform()
    {
        // ffmpeg turns the banked photo into a 3-second clip, mirrored by its own filter rather than by our code.
        var still = Path.Combine(Path.GetTempPath(), $"hive-dihedral-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(still, TestMedia.Png(_photo));
        byte[] video;
        try
        {
            video = await TestMedia.FfmpegAsync("mp4", "-loop", "1", "-i", still, "-t", "3", "-r", "5", "-vf", "hflip", "-c:v", "mpeg4", "-q:v", "3", "-pix_fmt", "yuv420p");
        }
        finally
        {
            File.Delete(still);
        }

        var (status, task) = await Client.UploadAsync(_project.Key, "sync", video, "clip.mp4", "video/mp4");

        Assert.True(status == HttpStatusCode.OK, $"upload answered {(int)status}: {task}");
        var frames = MediaApi.Output(task).EnumerateArray().ToList();
        Assert.Equal(3, frames.Count);
        Assert.All(frames, frame =>
        {
            var match = Assert.Single(frame.GetProperty("matches").EnumerateArray());
            Assert.Equal((Turned, "flip_horizontal"), (match.GetProperty("bank").GetString(), match.GetProperty("transform").GetString()));
            Assert.NotNull(MediaApi.ClassOf(frame, "no_spam_image"));
        });
    }

    private byte[] Copy(PdqTransform transform)
    {
        using var copy = DihedralPixels.Apply(_photo, transform);
        return TestMedia.Jpeg(copy);
    }

    private Task<JsonElement> UploadAsync(PdqTransform transform) => UploadAsync(Copy(transform));

    private async Task<JsonElement> UploadAsync(byte[] image) => (await UploadTaskAsync(image)).Frame;

    private async Task<(JsonElement Task, JsonElement Frame)> UploadTaskAsync(byte[] image)
    {
        var (status, task) = await Client.UploadAsync(_project.Key, "sync", image);
        Assert.True(status == HttpStatusCode.OK, $"upload answered {(int)status}: {task}");
        Assert.Equal("0", HiveApi.StatusCode(task));
        return (task, Assert.Single(MediaApi.Output(task).EnumerateArray()));
    }
}
