namespace HiveOrleans.Storage.Banks;

/// <summary>Creates the <see cref="IHashBankStore"/> for a store.</summary>
public static class HashBankStoreFactory
{
    /// <summary>Hash banks in <paramref name="store"/>, stamping times from <paramref name="clock"/>.</summary>
    public static IHashBankStore Create(StoreLocation store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);

        return store.Pick<IHashBankStore>(
            postgres: () => new PostgresHashBankStore(store.ConnectionString, clock),
            sqlite: () => new SqliteHashBankStore(store.ConnectionString, clock));
    }
}
