using HiveOrleans.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Storage.Media;

public static class HiveMediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the media store and its options (<c>HiveOrleans:Media</c>) unless a store is registered already, so a
    /// gateway that co-hosts a silo has one for both. Embedded mode keeps media under
    /// <paramref name="dataDirectory"/>/media; cluster mode in PostgreSQL, where every silo and gateway reads it.
    /// </summary>
    public static IServiceCollection AddHiveMediaStore(this IServiceCollection services, IConfiguration configuration, StoreLocation store, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(store);
        if (services.Any(d => d.ServiceType == typeof(IMediaStore)))
        {
            return services;
        }

        services.AddOptions<MediaStoreOptions>()
            .Bind(configuration.GetSection(MediaStoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => MediaStoreFactory.Create(
            store, provider.GetRequiredService<IOptions<MediaStoreOptions>>().Value, dataDirectory, provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
