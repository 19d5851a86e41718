using System.Net;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Auth;

/// <summary>
/// Guessed keys cost the cluster as little as possible: a key no issued key could look like makes no grain call, a
/// well-formed guess makes one and is then answered from the gateway, and its grain does not stay in memory.
/// </summary>
public sealed class KeyGuessingTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-guessing-" + Guid.NewGuid().ToString("n")[..12]);
    private GatewayServer _server = null!;
    private int _lookups;

    public async Task InitializeAsync() => _server = await GatewayServer.StartEmbeddedAsync(
        _dataDirectory,
        new Dictionary<string, string?> { ["HiveOrleans:Gateway:AuthFailureLimit"] = "0", ["HiveOrleans:Gateway:KeyCacheTtl"] = "00:05:00" },
        silo => silo.AddIncomingGrainCallFilter(async call =>
        {
            if (call.InterfaceMethod.DeclaringType == typeof(IApiKeyGrain) && call.MethodName == nameof(IApiKeyGrain.ResolveAsync))
            {
                Interlocked.Increment(ref _lookups);
            }

            await call.Invoke();
        }));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Guessed_keys_are_refused_with_one_lookup_each_at_most_and_leave_no_activations()
    {
        var project = await _server.Client.CreateProjectAsync("guessed");
        Assert.True(ProjectKeys.IsWellFormedApiKey(project.Key), "issued keys have the well-formed shape");

        // Malformed: wrong length, or characters no issued key has. None is looked up.
        string[] malformed = [.. Enumerable.Range(0, 100).Select(i => $"guess-{i}"), .. Enumerable.Range(0, 100).Select(i => new string('a', 42) + "!" + i)];
        foreach (var key in malformed)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _server.Client.SubmitTextAsync(key, "sync", "hello")).Status);
        }

        Assert.Equal(0, Volatile.Read(ref _lookups));

        // Well-formed guesses: one lookup each, however often they are sent.
        var guesses = Enumerable.Range(0, 50).Select(_ => ProjectKeys.NewApiKey()).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in guesses)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await _server.Client.SubmitTextAsync(key, "sync", "hello")).Status);
            }
        }

        Assert.Equal(guesses.Length, Volatile.Read(ref _lookups));

        // The guesses' key grains went away; the project's two live keys' grains are all that may stay.
        var management = _server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await Eventually.UntilAsync(
            async () => (await management.GetDetailedGrainStatistics()).Count(s => s.GrainType.Contains("ApiKeyGrain", StringComparison.Ordinal)),
            activations => activations <= 2,
            TimeSpan.FromSeconds(30),
            "the guessed keys' grains to be deactivated (at most two key grains left)");

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SubmitTextAsync(project.Key, "sync", "hello")).Status);
    }
}
