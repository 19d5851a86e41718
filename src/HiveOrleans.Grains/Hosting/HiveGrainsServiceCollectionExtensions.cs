using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HiveOrleans.Grains.Hosting;

public static class HiveGrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services the grains need on a silo: models and their executor, callback delivery, the ledger sweeper.
    /// The task ledger itself comes from HiveOrleans.Storage (<c>AddHiveStorage</c>).
    /// </summary>
    public static IServiceCollection AddHiveGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TaskOptions>()
            .Bind(configuration.GetSection(TaskOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TextEngine>();
        services.AddSingleton<IModerationModel, TextModel>();
        services.AddSingleton<ModelRunner>();
        services.AddSingleton<ModelContextCache>();
        services.AddSingleton<CallbackDelivery>();
        services.AddSingleton<WebhookSecretCache>();
        services.AddHttpClient(CallbackDelivery.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // CallbackDelivery applies its own.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect is not a delivery; the attempt is recorded with its status instead of following it.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<TaskLedgerSweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TaskLedgerSweeper>());
        return services;
    }
}
