using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>
/// One real gateway on its own PostgreSQL database for every SDK test: a text project, a visual project matching one
/// hash bank, a media origin for URL submissions (allow-listed on loopback, as an operator would), and the real text
/// model behind a gate so a test can hold one task mid-processing.
/// </summary>
public sealed class SdkGatewayFixture : IAsyncLifetime
{
    public const string Bank = "sdk-banned";
    public const string Label = "banned_picture";

    private readonly PostgresDatabase _database = new();

    public GatedTextModel Gate { get; } = new();

    public GatewayServer Server { get; private set; } = null!;

    public MediaOrigin Origin { get; private set; } = null!;

    public CreatedProject TextProject { get; private set; } = null!;

    public CreatedProject VisualProject { get; private set; } = null!;

    /// <summary>A picture whose PDQ hash is in <see cref="Bank"/>.</summary>
    public byte[] BankedPicture { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["HiveOrleans:Media:FetchAllowList:0"] = "127.0.0.1",
                ["HiveOrleans:HashBanks:PollInterval"] = "00:00:00.200",
            },
            silo => silo.Services.AddSingleton<IModerationModel>(Gate));
        Origin = await MediaOrigin.StartAsync();
        BankedPicture = TestMedia.SceneJpeg(seed: 23);
        await Server.CreateBankAsync(Bank, Label, BankedPicture);
        TextProject = await Server.Client.CreateProjectAsync("sdk text");
        VisualProject = await Server.Client.CreateVisualProjectAsync([Bank]);
    }

    /// <summary>An SDK client for <paramref name="key"/> over the test's own HttpClient (its BaseAddress is the gateway).</summary>
    public HiveOrleansClient ClientFor(string key, Action<HiveOrleansClientOptions>? configure = null)
    {
        var options = new HiveOrleansClientOptions { ApiKey = key };
        configure?.Invoke(options);
        return new HiveOrleansClient(Server.Client, options);
    }

    public async Task DisposeAsync()
    {
        Gate.Release();
        if (Origin is not null)
        {
            await Origin.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Gate.Dispose();
        await _database.DisposeAsync();
    }
}

/// <summary>The SDK tests share one gateway: starting one per class would cost more than the tests.</summary>
[CollectionDefinition(Name)]
public sealed class SdkCollection : ICollectionFixture<SdkGatewayFixture>
{
    public const string Name = "SDK against a real gateway";
}
