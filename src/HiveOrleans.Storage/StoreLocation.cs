using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HiveOrleans.Storage;

/// <summary>
/// Where HiveOrleans keeps its durable state. Embedded mode: a SQLite file; cluster mode: PostgreSQL.
/// </summary>
/// <param name="Kind">The database engine.</param>
/// <param name="ConnectionString">A connection string for that engine's ADO.NET provider.</param>
public sealed record StoreLocation(StoreKind Kind, string ConnectionString)
{
    /// <summary>
    /// The connection string for Orleans' own ADO.NET providers (membership, grain storage, reminders). The same as
    /// <see cref="ConnectionString"/> unless a connection budget split them (<see cref="WithConnectionBudget"/>).
    /// </summary>
    public string OrleansConnectionString { get; init; } = ConnectionString;

    /// <summary>
    /// The same PostgreSQL store with every connection this process opens to it bounded by <paramref name="maxConnections"/>:
    /// a quarter (at least 2) for Orleans' providers, the rest for HiveOrleans' own stores, which share one pool.
    /// Work beyond the budget queues for a pooled connection (for up to the connection string's <c>Timeout</c>) rather
    /// than opening another. Pooled connections are not reset on return (<c>No Reset On Close</c>): nothing here changes
    /// session state, and the reset is a round trip that PostgreSQL counts as a transaction. A SQLite store is returned
    /// unchanged.
    /// </summary>
    public StoreLocation WithConnectionBudget(int maxConnections)
    {
        if (Kind != StoreKind.PostgreSql)
        {
            return this;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, MinConnectionBudget);
        var orleans = Math.Max(2, maxConnections / 4);
        return this with
        {
            ConnectionString = Budgeted(ConnectionString, maxConnections - orleans, autoPrepare: true),
            OrleansConnectionString = Budgeted(ConnectionString, orleans, autoPrepare: false),
        };
    }

    /// <summary>The smallest budget <see cref="WithConnectionBudget"/> takes: two connections for Orleans, two for the stores.</summary>
    public const int MinConnectionBudget = 4;

    private static string Budgeted(string connectionString, int connections, bool autoPrepare)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = connections,
            MinPoolSize = 0,
            NoResetOnClose = true,
        };

        // HiveOrleans' statements are few and repeated: preparing them once per connection saves PostgreSQL a parse
        // and plan per batch. Orleans' providers are left as they are.
        if (autoPrepare && builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// A store in the SQLite file at <paramref name="path"/>, created on first use along with its directory.
    /// </summary>
    public static StoreLocation ForSqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        // Absolute, so the store does not move when the working directory does.
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        };
        return new StoreLocation(StoreKind.Sqlite, builder.ConnectionString);
    }

    /// <summary>A store in the PostgreSQL database named by <paramref name="connectionString"/>.</summary>
    public static StoreLocation ForPostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Parsing now turns a malformed string into an error at configuration time, not at the first query.
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        return new StoreLocation(StoreKind.PostgreSql, connectionString);
    }

    /// <summary>
    /// The ADO.NET invariant Orleans' AdoNet providers take in their <c>Invariant</c> option.
    /// Orleans resolves <c>System.Data.SQLite</c> to Microsoft.Data.Sqlite's factory.
    /// </summary>
    public string AdoInvariant => Pick(postgres: () => "Npgsql", sqlite: () => "System.Data.SQLite");

    /// <summary>
    /// What this store's kind calls for: the one place that decides per <see cref="StoreKind"/>. A new kind becomes a
    /// new parameter here, which every store, factory and script choice then has to answer.
    /// </summary>
    internal T Pick<T>(Func<T> postgres, Func<T> sqlite)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(sqlite);
        return Kind switch
        {
            StoreKind.PostgreSql => postgres(),
            StoreKind.Sqlite => sqlite(),
            _ => throw new InvalidOperationException($"Unknown store kind {Kind}."),
        };
    }

    // Records print every property; keep the password out of logs and exception messages.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", ConnectionString = ").Append(RedactedConnectionString());
        return true;
    }

    private string RedactedConnectionString()
    {
        try
        {
            if (Kind == StoreKind.PostgreSql)
            {
                var postgres = new NpgsqlConnectionStringBuilder(ConnectionString);
                if (postgres.Password is not null)
                {
                    postgres.Password = "***";
                }

                return postgres.ConnectionString;
            }

            var sqlite = new SqliteConnectionStringBuilder(ConnectionString);
            if (!string.IsNullOrEmpty(sqlite.Password))
            {
                sqlite.Password = "***";
            }

            return sqlite.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable)";
        }
    }
}
