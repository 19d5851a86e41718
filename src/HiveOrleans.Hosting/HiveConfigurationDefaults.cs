using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace HiveOrleans.Hosting;

/// <summary>
/// Defaults that every HiveOrleans process starts from. They go in as the first configuration source, so
/// appsettings files, environment variables and the command line all override them.
/// </summary>
public static class HiveConfigurationDefaults
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // Orleans and the HTTP stack are chatty at Information; operators want HiveOrleans' own lines.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",

        // Orleans' placement runs through a Polly pipeline that logs two Information lines for every grain it places:
        // at thousands of tasks a second, a silo's CPU went into writing them.
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static void AddHiveDefaults(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
    }
}
