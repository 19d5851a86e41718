namespace HiveOrleans.Storage.Banks;

/// <summary>Creates the <see cref="IHashBankStore"/> for a store.</summary>
public static class HashBankStoreFactory
{
    /// <summary>Hash banks in <paramref name="store"/>, stamping times from <paramref name="clock"/>.</summary>
    public static IHashBankStore Create(StoreLocation store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);

        return store.Kind switch
        {
            StoreKind.PostgreSql => new PostgresHashBankStore(store.ConnectionString, clock),
            StoreKind.Sqlite => new SqliteHashBankStore(store.ConnectionString, clock),
            _ => throw new ArgumentOutOfRangeException(nameof(store), store.Kind, "Unknown store kind."),
        };
    }
}
