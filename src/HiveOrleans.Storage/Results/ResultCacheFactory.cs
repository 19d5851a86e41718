namespace HiveOrleans.Storage.Results;

/// <summary>Creates the <see cref="IResultCache"/> for a store.</summary>
public static class ResultCacheFactory
{
    /// <summary>A result cache in <paramref name="store"/> that stamps entries with the system clock.</summary>
    public static IResultCache Create(StoreLocation store) => Create(store, TimeProvider.System);

    /// <summary>
    /// A result cache in <paramref name="store"/> that stamps each entry with the time it was stored, read from
    /// <paramref name="clock"/> (for pruning). The tables come with the schema (<see cref="SchemaInstaller.ApplyAsync"/>).
    /// Both caches are <see cref="IAsyncDisposable"/>: they run a batch worker (and on PostgreSQL hold a connection pool).
    /// </summary>
    public static IResultCache Create(StoreLocation store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);

        return store.Pick<IResultCache>(
            postgres: () => new PostgresResultCache(store.ConnectionString, clock),
            sqlite: () => new SqliteResultCache(store.ConnectionString, clock));
    }
}
