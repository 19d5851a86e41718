using HiveOrleans.Storage.Batches;
using HiveOrleans.Storage.Reruns;
using HiveOrleans.Storage.Results;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HiveOrleans.Storage;

/// <summary>Registers HiveOrleans' own storage with dependency injection.</summary>
public static class HiveStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="store"/>, an <see cref="ITaskStore"/>, an <see cref="IResultCache"/>, an
    /// <see cref="IReviewQueueStore"/>, an <see cref="IReviewAuditLog"/> and an <see cref="IBatchStore"/> over it as singletons (disposed with the host). (The <see cref="IdempotencyClaimPruner"/> is registered with the grains, which own its state name.)
    /// The task store reads the time from the registered <see cref="TimeProvider"/> (the system clock
    /// unless one is registered). The schema is not applied here: call
    /// <see cref="SchemaInstaller.ApplyAsync"/> before the silo starts.
    /// </summary>
    public static IServiceCollection AddHiveStorage(this IServiceCollection services, StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);

        services.AddSingleton(store);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITaskStore>(provider => TaskStoreFactory.Create(store, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IResultCache>(provider => ResultCacheFactory.Create(store, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => ReviewQueueStoreFactory.Create(store, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => ReviewQueueStoreFactory.CreateAuditLog(store));
        services.AddSingleton(_ => BatchStoreFactory.Create(store));
        services.AddSingleton(_ => RerunStoreFactory.CreateHistory(store));
        services.AddSingleton(_ => RerunStoreFactory.CreateScan(store));
        return services;
    }
}
