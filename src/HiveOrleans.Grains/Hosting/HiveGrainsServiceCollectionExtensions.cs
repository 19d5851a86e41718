using HiveOrleans.Grains.Batches;
using HiveOrleans.Grains.Reruns;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Grains.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Models.Registered;
using HiveOrleans.Storage.Models;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Ocr;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HiveOrleans.Grains.Results;
using HiveOrleans.Grains.Review;

namespace HiveOrleans.Grains.Hosting;

public static class HiveGrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services the grains need on a silo: models and their executor, the result cache, media downloads and
    /// retention (with the pruner of idempotency claims, under this project's <see cref="StorageNames.Idempotency"/>),
    /// callback delivery, the sweeper for overdue tasks, the queue-depth gauges (tasks, callbacks, review queues), hash banks. The store and the task
    /// store come from HiveOrleans.Storage (<c>AddHiveStorage</c>) and the media store from <c>AddHiveMediaStore</c>.
    /// </summary>
    public static IServiceCollection AddHiveGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TaskOptions>()
            .Bind(configuration.GetSection(TaskOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TextModelOptions>().Bind(configuration.GetSection(TextModelOptions.Section));
        services.AddSingleton(sp => new TextEngine(sp.GetRequiredService<IOptions<TextModelOptions>>().Value.LearnedLayer));
        services.AddHostedService<TextEngineWarmUp>();
        services.AddSingleton<IModerationModel, TextModel>();
        services.AddOptions<VisualModelOptions>()
            .Bind(configuration.GetSection(VisualModelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var visual = sp.GetRequiredService<IOptions<VisualModelOptions>>().Value;
            return new FrameSampler(visual.FfmpegPath, visual.FfprobePath);
        });
        services.AddOptions<NsfwModelOptions>()
            .Bind(configuration.GetSection(NsfwModelOptions.Section))
            .ValidateDataAnnotations() // also says, naming the command, when the model's files are missing (IValidatableObject)
            .ValidateOnStart();
        services.AddSingleton<NsfwClassifier>();
        services.AddOptions<RegisteredModelOptions>()
            .Bind(configuration.GetSection(RegisteredModelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => ModelStoreFactory.Create(sp.GetRequiredService<StoreLocation>()));
        services.AddSingleton<RegisteredModels>();
        services.AddSingleton<IModerationModel, VisualModel>();
        services.AddOptions<OcrModelOptions>()
            .Bind(configuration.GetSection(OcrModelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new TesseractOcr(sp.GetRequiredService<IOptions<OcrModelOptions>>().Value.TesseractPath));
        services.AddSingleton<OcrReader>();
        services.AddSingleton<IModerationModel, OcrModel>();
        services.AddOptions<SpeechModelOptions>()
            .Bind(configuration.GetSection(SpeechModelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var tools = sp.GetRequiredService<IOptions<VisualModelOptions>>().Value;
            return new AudioDecoder(tools.FfmpegPath, tools.FfprobePath);
        });
        services.AddSingleton<SpeechRecognizers>();
        services.AddSingleton<IModerationModel, SpeechModel>();
        services.AddSingleton<ModelRunner>();
        services.AddSingleton<ModelContextCache>();
        services.AddOptions<ResultCacheOptions>()
            .Bind(configuration.GetSection(ResultCacheOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ResultReuse>();
        services.AddOptions<ReviewOptions>()
            .Bind(configuration.GetSection(ReviewOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MediaFetchOptions>()
            .Bind(configuration.GetSection(MediaFetchOptions.Section))
            .ValidateDataAnnotations() // also checks the allow-list entries (IValidatableObject)
            .ValidateOnStart();
        services.AddSingleton<MediaFetcher>();
        services.AddSingleton<MediaDownload>();
        services.AddSingleton(sp => new IdempotencyClaimPruner(sp.GetRequiredService<StoreLocation>(), StorageNames.Idempotency));
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RetentionSweeper>());
        services.AddSingleton<CallbackDelivery>();
        services.AddSingleton(sp => new DestinationHealth(sp.GetRequiredService<IOptions<TaskOptions>>().Value.CallbackProbeInterval));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CallbackProber>();
        services.AddSingleton<WebhookSecretCache>();
        services.AddOptions<CallbackAddressOptions>()
            .Bind(configuration.GetSection(CallbackAddressOptions.Section))
            .ValidateDataAnnotations() // also checks the allow-list entries (IValidatableObject)
            .ValidateOnStart();
        services.AddKeyedSingleton(CallbackDelivery.HttpClientName, (sp, _) =>
        {
            var addresses = sp.GetRequiredService<IOptions<CallbackAddressOptions>>().Value;
            return new OutboundConnector(new OutboundAddressPolicy(addresses.AllowList, addresses.AllowPrivateNetworks), purpose: "callbacks");
        });
        services.AddHttpClient(CallbackDelivery.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // CallbackDelivery applies its own.
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // The same fence as URL fetches, on the address actually dialled; through a proxy it would see the proxy's.
                ConnectCallback = sp.GetRequiredKeyedService<OutboundConnector>(CallbackDelivery.HttpClientName).ConnectAsync,
                UseProxy = false,

                // A redirect is not a delivery; the attempt is recorded with its status instead of following it.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<TaskSweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TaskSweeper>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloLossRecovery>();
        services.AddOptions<BatchOptions>()
            .Bind(configuration.GetSection(BatchOptions.Section))
            .Validate(o => o.CallbackCheckInterval > TimeSpan.Zero && o.CallbackLease > TimeSpan.Zero, "HiveOrleans:Batches:CallbackCheckInterval and CallbackLease must be positive.")
            .ValidateOnStart();
        services.AddSingleton<BatchCallbacks>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<BatchCallbacks>());
        services.AddSingleton<LegacyTaskStates>();
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<TaskQueueDepth>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TaskQueueDepth>());
        services.AddSingleton<ReviewQueueCounts>();
        services.AddSingleton<ReviewQueueGauges>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ReviewQueueGauges>());
        services.AddHashBanks(configuration);
        services.AddOptions<RerunOptions>()
            .Bind(configuration.GetSection(RerunOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RerunServices>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RerunResumer>();
        return services;
    }
}
