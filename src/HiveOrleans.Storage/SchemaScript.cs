using System.Reflection;

namespace HiveOrleans.Storage;

/// <summary>One embedded file of deploy/sql, applied in file-name order.</summary>
internal sealed record SchemaScript(string Name, string Sql)
{
    /// <summary>The scripts for <paramref name="store"/>'s dialect, in the order they must run.</summary>
    public static IReadOnlyList<SchemaScript> For(StoreLocation store)
    {
        // Matches the LogicalName set in HiveOrleans.Storage.csproj.
        var prefix = store.Pick(postgres: () => "sql/postgresql/", sqlite: () => "sql/sqlite/");

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
