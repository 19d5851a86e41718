using System.Globalization;
using HiveOrleans.Silo.Hosting;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Hosting;

/// <summary>A silo told to use Whisper refuses to start, naming the setting, unless the model file is there and is ggml.</summary>
public sealed class SiloWhisperModelTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hiveorleans-whisper-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_silo_whose_whisper_model_file_is_missing_refuses_to_start_naming_the_setting()
    {
        var missing = Path.Combine(_directory, "ggml-base.en.bin");
        using var silo = BuildSilo(missing);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => silo.StartAsync());

        Assert.Contains("HiveOrleans:Speech:WhisperModelPath", failure.Message, StringComparison.Ordinal);
        Assert.Contains(missing + " does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_whose_whisper_model_file_is_not_ggml_refuses_to_start_naming_the_setting()
    {
        var notAModel = Path.Combine(_directory, "model.bin");
        await File.WriteAllTextAsync(notAModel, "<html>404 Not Found</html>");
        using var silo = BuildSilo(notAModel);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => silo.StartAsync());

        Assert.Contains("HiveOrleans:Speech:WhisperModelPath", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not a whisper.cpp ggml model", failure.Message, StringComparison.Ordinal);
    }

    private IHost BuildSilo(string whisperModelPath) =>
        SiloApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HiveOrleans:Speech:WhisperModelPath"] = whisperModelPath,
            ["ConnectionStrings:HiveOrleans"] = database.ConnectionString,
            ["HiveOrleans:ClusterId"] = "whisper-model-" + Guid.NewGuid().ToString("n")[..12],
            ["HiveOrleans:SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["HiveOrleans:GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["HiveOrleans:AdvertisedAddress"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
}
