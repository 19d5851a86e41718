using System.Globalization;
using HiveOrleans.Silo.Hosting;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Hosting;

/// <summary>A silo without the built-in NSFW model's files says so at start, naming the command that writes them.</summary>
public sealed class SiloNsfwWeightsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _empty = Directory.CreateTempSubdirectory("hiveorleans-no-weights-").FullName;

    public void Dispose() => Directory.Delete(_empty, recursive: true);

    [Fact]
    public async Task A_silo_without_the_nsfw_weights_refuses_to_start_and_names_the_command_that_writes_them()
    {
        using var silo = BuildSilo(new() { ["HiveOrleans:Nsfw:ModelDirectory"] = _empty });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => silo.StartAsync());

        Assert.Contains("weights are missing", failure.Message, StringComparison.Ordinal);
        Assert.Contains("model.json and group1-shard1of1.bin not found in " + _empty, failure.Message, StringComparison.Ordinal);
        Assert.Contains("bash tools/nsfwjs/prepare.sh", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_told_the_classifier_is_not_required_starts_without_the_weights()
    {
        using var silo = BuildSilo(new() { ["HiveOrleans:Nsfw:ModelDirectory"] = _empty, ["HiveOrleans:Nsfw:Required"] = "false" });

        await silo.StartAsync();
        await silo.StopAsync();
    }

    private IHost BuildSilo(Dictionary<string, string?> settings) =>
        SiloApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:HiveOrleans"] = database.ConnectionString,
            ["HiveOrleans:ClusterId"] = "nsfw-weights-" + Guid.NewGuid().ToString("n")[..12],
            ["HiveOrleans:SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["HiveOrleans:GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["HiveOrleans:AdvertisedAddress"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
}
