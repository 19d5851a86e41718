using Npgsql;

namespace HiveOrleans.Storage;

/// <summary>
/// One connection pool per connection string in this process, shared by every PostgreSQL store (tasks, media,
/// result cache, hash banks). Each store held its own pool before, so one process could open four times
/// <c>Maximum Pool Size</c> connections, more than a stock PostgreSQL's <c>max_connections</c> (100) allows. A store
/// rents the pool and gives it back when disposed; the last one back closes it.
/// </summary>
internal sealed class PostgresPool : IAsyncDisposable
{
    private static readonly Dictionary<string, Shared> Pools = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly Shared _shared;
    private int _returned;

    private PostgresPool(string connectionString, Shared shared)
    {
        _connectionString = connectionString;
        _shared = shared;
    }

    /// <summary>The pool; valid until this rental is disposed.</summary>
    public NpgsqlDataSource DataSource => _shared.DataSource;

    /// <summary>Rents the pool for <paramref name="connectionString"/>, creating it if no store holds it.</summary>
    public static PostgresPool Rent(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        lock (Pools)
        {
            if (!Pools.TryGetValue(connectionString, out var shared))
            {
                shared = new Shared(NpgsqlDataSource.Create(connectionString));
                Pools.Add(connectionString, shared);
            }

            shared.Renters++;
            return new PostgresPool(connectionString, shared);
        }
    }

    /// <summary>Gives the pool back (once, however often this is called); closes it if no other store holds it.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _returned, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (Pools)
        {
            if (--_shared.Renters > 0)
            {
                return ValueTask.CompletedTask;
            }

            Pools.Remove(_connectionString);
        }

        return _shared.DataSource.DisposeAsync();
    }

    private sealed class Shared(NpgsqlDataSource dataSource)
    {
        public NpgsqlDataSource DataSource { get; } = dataSource;

        public int Renters { get; set; }
    }
}
