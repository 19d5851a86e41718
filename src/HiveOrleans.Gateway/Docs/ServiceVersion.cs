using System.Reflection;

namespace HiveOrleans.Gateway.Docs;

/// <summary>The gateway's version as built: the project version and, when built from git, the commit (shortened).</summary>
internal static class ServiceVersion
{
    public static readonly string Current = Read();

    private static string Read()
    {
        var version = typeof(ServiceVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length > plus + 13 ? version[..(plus + 13)] : version;
    }
}
