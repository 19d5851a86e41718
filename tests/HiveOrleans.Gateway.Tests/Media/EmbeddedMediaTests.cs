using System.Net;
using System.Security.Cryptography;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>Embedded mode keeps media in a directory under the data directory, by content, and matches as in a cluster.</summary>
public sealed class EmbeddedMediaTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hiveorleans-test-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task An_upload_is_stored_once_by_content_and_matched_against_the_bank()
    {
        await using var server = await GatewayServer.StartEmbeddedAsync(_dataDirectory);
        var banked = TestMedia.SceneJpeg(seed: 5);
        await server.CreateBankAsync("known", "ncii", banked);
        var project = await server.Client.CreateVisualProjectAsync(["known"]);

        var (status, task) = await server.Client.UploadAsync(project.Key, "sync", banked);
        var (_, again) = await server.Client.UploadAsync(project.Key, "sync", banked);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(MediaApi.ClassOf(MediaApi.Output(task)[0], "yes_ncii"));
        Assert.True(again.GetProperty("from_cache").GetBoolean());
        var key = Convert.ToHexStringLower(SHA256.HashData(banked));
        var stored = Path.Combine(_dataDirectory, "media", key[..2], key);
        Assert.Equal(banked, await File.ReadAllBytesAsync(stored));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "media"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Once_a_gateway_knows_the_quota_is_used_up_an_upload_is_refused_before_it_is_stored()
    {
        await using var server = await GatewayServer.StartEmbeddedAsync(_dataDirectory);
        await server.Client.AdminAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "empty" });
        var project = await server.Client.CreateVisualProjectAsync(["empty"]);
        var (patched, _) = await server.Client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{project.ProjectId}", new { daily_quota = 1 });
        Assert.Equal(HttpStatusCode.OK, patched);

        // The key cache holds the project's settings for up to 5 s; wait until the quota applies.
        var seed = 100;
        var status = await Eventually.UntilAsync(
            async () => (await server.Client.UploadAsync(project.Key, "async", TestMedia.SceneJpeg(seed++))).Status,
            answer => answer != HttpStatusCode.OK,
            TimeSpan.FromSeconds(15),
            "the daily quota to refuse an upload",
            interval: TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        var storedBefore = Directory.EnumerateFiles(Path.Combine(_dataDirectory, "media"), "*", SearchOption.AllDirectories).Count();

        var (refused, body) = await server.Client.UploadAsync(project.Key, "async", TestMedia.SceneJpeg(seed));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.Contains("daily quota", body.GetProperty("message").GetString());
        Assert.Equal(storedBefore, Directory.EnumerateFiles(Path.Combine(_dataDirectory, "media"), "*", SearchOption.AllDirectories).Count());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
