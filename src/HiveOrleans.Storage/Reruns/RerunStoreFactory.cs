namespace HiveOrleans.Storage.Reruns;

/// <summary>Creates the stores reruns and task histories use.</summary>
public static class RerunStoreFactory
{
    /// <summary>The history store of <paramref name="store"/>; <see cref="IAsyncDisposable"/> (it runs a batch worker).</summary>
    public static ITaskHistoryStore CreateHistory(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Pick<ITaskHistoryStore>(
            postgres: () => new PostgresTaskHistoryStore(store.ConnectionString),
            sqlite: () => new SqliteTaskHistoryStore(store.ConnectionString));
    }

    /// <summary>The task scan of <paramref name="store"/>.</summary>
    public static IProjectTaskScan CreateScan(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Pick<IProjectTaskScan>(
            postgres: () => new PostgresProjectTaskScan(store.ConnectionString),
            sqlite: () => new SqliteProjectTaskScan(store.ConnectionString));
    }
}
