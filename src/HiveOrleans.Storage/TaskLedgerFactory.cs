namespace HiveOrleans.Storage;

/// <summary>Creates the <see cref="ITaskLedger"/> for a store.</summary>
public static class TaskLedgerFactory
{
    /// <summary>A ledger in <paramref name="store"/> that reads the time from the system clock.</summary>
    public static ITaskLedger Create(StoreLocation store) => Create(store, TimeProvider.System);

    /// <summary>
    /// A ledger in <paramref name="store"/> that reads "now" from <paramref name="clock"/>. Due times
    /// are compared with this clock, not the database server's, so callers and claims agree on time.
    /// </summary>
    public static ITaskLedger Create(StoreLocation store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);

        return store.Kind switch
        {
            StoreKind.PostgreSql => new PostgresTaskLedger(store.ConnectionString, clock),
            StoreKind.Sqlite => new SqliteTaskLedger(store.ConnectionString, clock),
            _ => throw new ArgumentOutOfRangeException(nameof(store), store.Kind, "Unknown store kind."),
        };
    }
}
