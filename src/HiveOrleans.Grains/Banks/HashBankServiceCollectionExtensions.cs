using HiveOrleans.Storage;
using HiveOrleans.Storage.Banks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HiveOrleans.Grains.Banks;

public static class HashBankServiceCollectionExtensions
{
    /// <summary>
    /// Hash banks on a silo: the store (in the registered <see cref="StoreLocation"/>), the options from
    /// <see cref="HashBankOptions.Section"/>, and this silo's <see cref="BankIndex"/>, which loads as the silo starts.
    /// </summary>
    public static IServiceCollection AddHashBanks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HashBankOptions>()
            .Bind(configuration.GetSection(HashBankOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => HashBankStoreFactory.Create(
            provider.GetRequiredService<StoreLocation>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BankIndex>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<BankIndex>());
        return services;
    }
}
