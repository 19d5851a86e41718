using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// The OrleansQuery keys the referenced Orleans ADO.NET providers ask for, read from their own
/// assemblies, so an Orleans upgrade that adds a key fails these tests instead of a silo start.
/// </summary>
internal static partial class OrleansQueryKeys
{
    // Clustering and reminders check at start-up that every property of their internal
    // DbStoredQueries class has a row; the property names are the keys.
    public static IReadOnlySet<string> Clustering { get; } =
        StoredQueryProperties(typeof(AdoNetClusteringTable).Assembly, "Orleans.Clustering.AdoNet.Storage.DbStoredQueries");

    public static IReadOnlySet<string> Reminders { get; } =
        StoredQueryProperties(typeof(AdoNetReminderTableOptions).Assembly, "Orleans.Reminders.AdoNet.Storage.DbStoredQueries");

    // Grain storage loads its keys with a fixed query instead; DeleteStorageKey in it is optional
    // (only DeleteStateOnClear needs it) but our scripts provide it.
    public static IReadOnlySet<string> Persistence { get; } =
        KeyLiteral().Matches(AdoNetGrainStorage.DefaultInitializationQuery).Select(match => match.Groups[1].Value).ToHashSet();

    public static IReadOnlySet<string> ForPostgres { get; } = Clustering.Concat(Reminders).Concat(Persistence).ToHashSet();

    public static IReadOnlySet<string> ForSqlite => Persistence;

    private static HashSet<string> StoredQueryProperties(Assembly assembly, string typeName)
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        return type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(property => property.Name)
            .ToHashSet();
    }

    [GeneratedRegex("QueryKey = '([A-Za-z0-9]+)'")]
    private static partial Regex KeyLiteral();
}
