using HiveOrleans.Moderation.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Grains.Models;

/// <summary>Loads the text engine's learned layer in the background as the silo starts, so no text task waits for it.</summary>
internal sealed partial class TextEngineWarmUp(TextEngine engine, ILogger<TextEngineWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
        () =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var version = engine.ModelVersion;
            Prepared(logger, version, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        },
        stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Text engine ready ({Version}) in {Seconds:0.00} s")]
    private static partial void Prepared(ILogger logger, string version, double seconds);
}
