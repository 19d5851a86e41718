using System.Globalization;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Tests.Pdq;

/// <summary>The PDQ reference photos and their published hashes in shared/data/pdq, beside the repo (never copied in).</summary>
internal static class PdqData
{
    /// <summary>The folder holding <c>expected.csv</c>, found above the test's folder, or null on a machine without it.</summary>
    public static string? Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "pdq");
            if (File.Exists(Path.Combine(candidate, "expected.csv")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The rows of <c>expected.csv</c>: the published hash and quality of each file (a path under the folder).</summary>
    public static IEnumerable<(PdqHash Hash, int Quality, string File)> Expected(string folder) =>
        File.ReadLines(Path.Combine(folder, "expected.csv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("hash,", StringComparison.Ordinal))
            .Select(line => line.Split(','))
            .Select(fields => (PdqHash.FromHex(fields[0]), int.Parse(fields[1], CultureInfo.InvariantCulture), fields[2]));
}
