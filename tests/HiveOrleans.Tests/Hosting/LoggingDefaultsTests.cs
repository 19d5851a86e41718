using HiveOrleans.Hosting;
using HiveOrleans.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Tests.Hosting;

public sealed class LoggingDefaultsTests
{
    [Fact]
    public void A_process_on_the_defaults_logs_its_own_information_but_not_per_grain_chatter()
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Configuration.AddHiveDefaults();
        using var host = builder.Build();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        // Orleans' placement logs two Information lines through Polly for every grain it places.
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Orleans.Runtime.Catalog").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("HiveOrleans.Grains.Tasks.TaskGrain").IsEnabled(LogLevel.Information));
    }
}
