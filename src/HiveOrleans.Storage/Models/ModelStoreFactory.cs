namespace HiveOrleans.Storage.Models;

/// <summary>Creates the <see cref="IModelStore"/> for a store.</summary>
public static class ModelStoreFactory
{
    /// <summary>Registered models in <paramref name="store"/>.</summary>
    public static IModelStore Create(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Pick<IModelStore>(
            postgres: () => new PostgresModelStore(store.ConnectionString),
            sqlite: () => new SqliteModelStore(store.ConnectionString));
    }
}
