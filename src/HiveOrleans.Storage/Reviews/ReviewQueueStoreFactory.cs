namespace HiveOrleans.Storage.Reviews;

/// <summary>Creates the <see cref="IReviewQueueStore"/> for a store.</summary>
public static class ReviewQueueStoreFactory
{
    /// <summary>
    /// The review queues in <paramref name="store"/>, reading "now" from <paramref name="clock"/> (leases are compared
    /// with this clock, as the task store's due times are). On PostgreSQL it is <see cref="IAsyncDisposable"/> (it holds
    /// a connection pool).
    /// </summary>
    public static IReviewQueueStore Create(StoreLocation store, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        clock ??= TimeProvider.System;
        return store.Pick<IReviewQueueStore>(
            postgres: () => new PostgresReviewQueueStore(store.ConnectionString, clock),
            sqlite: () => new SqliteReviewQueueStore(store.ConnectionString, clock));
    }

    /// <summary>The review audit log in <paramref name="store"/>; <see cref="IAsyncDisposable"/> (it runs a batch worker).</summary>
    public static IReviewAuditLog CreateAuditLog(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Pick<IReviewAuditLog>(
            postgres: () => new PostgresReviewAuditLog(store.ConnectionString),
            sqlite: () => new SqliteReviewAuditLog(store.ConnectionString));
    }
}
