using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// With no allow-list (the default), the platform refuses to download from this machine or any private address,
/// even when a name hides it: the check is on the address the name resolves to, and nothing is requested.
/// </summary>
public sealed class UrlFetchGuardTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;
    private MediaOrigin _origin = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);
        _origin = await MediaOrigin.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Loopback_by_name_or_address_is_refused_without_a_request()
    {
        var project = await _server.Client.CreateVisualProjectAsync([]);
        var served = _origin.Serve("x.jpg", TestMedia.SceneJpeg(seed: 1));
        var byName = new UriBuilder(served) { Host = "localhost" }.Uri;

        foreach (var url in new[] { byName, served })
        {
            var (status, ack) = await _server.Client.SubmitUrlJsonAsync(project.Key, "async", url);
            Assert.Equal(HttpStatusCode.OK, status);
            var task = await _server.Client.WaitForFinishedAsync(project.Key, ack.GetProperty("task_id").GetString()!);
            Assert.Equal("FETCH_FAILED", HiveApi.StatusCode(task));
            Assert.Contains("loopback", MediaApi.ErrorMessage(task), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, _origin.Requests);
    }
}
