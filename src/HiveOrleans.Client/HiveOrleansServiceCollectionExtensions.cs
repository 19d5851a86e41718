using HiveOrleans.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HiveOrleans SDK with dependency injection.</summary>
public static class HiveOrleansServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HiveOrleansClient"/> as a typed client of <c>IHttpClientFactory</c>, configured by
    /// <paramref name="configure"/>. The options are validated when a host starts (and when the client is first made
    /// without one): a missing API key fails with a message naming it. The returned builder adds handlers or sets the
    /// HttpClient's timeout.
    /// </summary>
    public static IHttpClientBuilder AddHiveOrleansClient(this IServiceCollection services, Action<HiveOrleansClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HiveOrleansClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HiveOrleansClientOptions>, HiveOrleansClientOptionsValidator>());
        return services.AddHttpClient<HiveOrleansClient, HiveOrleansClient>(
            (http, provider) => new HiveOrleansClient(http, provider.GetRequiredService<IOptions<HiveOrleansClientOptions>>().Value));
    }

    /// <summary>Registers a singleton <see cref="CallbackVerifier"/> for a callback receiver, configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddHiveOrleansCallbackVerifier(this IServiceCollection services, Action<CallbackVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CallbackVerifierOptions>().Configure(configure);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CallbackVerifierOptions>>().Value;
            return new CallbackVerifier(options.Secrets, options.Tolerance, provider.GetService<TimeProvider>());
        });
        return services;
    }
}
