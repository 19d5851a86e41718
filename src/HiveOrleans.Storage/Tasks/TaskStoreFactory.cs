namespace HiveOrleans.Storage.Tasks;

/// <summary>Creates the <see cref="ITaskStore"/> for a store.</summary>
public static class TaskStoreFactory
{
    /// <summary>
    /// A task store in <paramref name="store"/> that reads "now" from <paramref name="clock"/>. Due times are compared
    /// with this clock, not the database server's, so writers and claims agree on time. The store is
    /// <see cref="IAsyncDisposable"/>: it runs batch workers (and, on PostgreSQL, holds a connection pool).
    /// </summary>
    public static ITaskStore Create(StoreLocation store, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        clock ??= TimeProvider.System;
        return store.Pick<ITaskStore>(
            postgres: () => new PostgresTaskStore(store.ConnectionString, clock),
            sqlite: () => new SqliteTaskStore(store.ConnectionString, clock));
    }
}
