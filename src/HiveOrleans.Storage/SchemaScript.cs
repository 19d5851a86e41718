using System.Reflection;

namespace HiveOrleans.Storage;

/// <summary>One embedded file of deploy/sql, applied in file-name order.</summary>
internal sealed record SchemaScript(string Name, string Sql)
{
    /// <summary>The scripts for <paramref name="kind"/>, in the order they must run.</summary>
    public static IReadOnlyList<SchemaScript> For(StoreKind kind)
    {
        // Matches the LogicalName set in HiveOrleans.Storage.csproj.
        var prefix = kind switch
        {
            StoreKind.PostgreSql => "sql/postgresql/",
            StoreKind.Sqlite => "sql/sqlite/",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown store kind."),
        };

        var assembly = typeof(SchemaScript).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new SchemaScript(name, Read(assembly, name)))
            .ToList();

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded schema scripts under '{prefix}': the build did not embed deploy/sql.");
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script '{name}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
