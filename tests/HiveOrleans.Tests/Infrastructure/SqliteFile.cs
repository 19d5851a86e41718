using HiveOrleans.Storage;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>
/// A path for a SQLite database in a fresh temporary directory; the file does not exist until
/// something opens it. Dispose deletes the directory, WAL and shared-memory files included.
/// </summary>
public sealed class SqliteFile : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hiveorleans-tests", Guid.NewGuid().ToString("N"));

    public SqliteFile(string fileName = "hive.db")
    {
        FilePath = Path.Combine(_directory, fileName);
    }

    /// <summary>The database file's absolute path.</summary>
    public string FilePath { get; }

    /// <summary>This file as a HiveOrleans store (creates the directory).</summary>
    public StoreLocation Store => StoreLocation.ForSqliteFile(FilePath);

    public void Dispose()
    {
        // Pooled connections keep the file open (and, on Windows, locked).
        using (var pooled = new SqliteConnection(Store.ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
