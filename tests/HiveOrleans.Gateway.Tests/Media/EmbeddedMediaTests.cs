using System.Net;
using System.Security.Cryptography;
using HiveOrleans.Gateway.Tests.Infrastructure;

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

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
