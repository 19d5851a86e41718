namespace HiveOrleans.Storage.Batches;

/// <summary>Creates the <see cref="IBatchStore"/> for a store.</summary>
public static class BatchStoreFactory
{
    /// <summary>The batch store in <paramref name="store"/>; on PostgreSQL it is <see cref="IAsyncDisposable"/> (it holds a connection pool).</summary>
    public static IBatchStore Create(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Pick<IBatchStore>(
            postgres: () => new PostgresBatchStore(store.ConnectionString),
            sqlite: () => new SqliteBatchStore(store.ConnectionString));
    }
}
