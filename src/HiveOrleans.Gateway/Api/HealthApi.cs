using HiveOrleans.Abstractions.Health;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Api;

internal static class HealthApi
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        // Process up: answers as long as Kestrel does.
        routes.MapGet("/healthz", () => Results.Json(HealthDocument.Ok, WireJson.Context.HealthDocument)).WithTags("Health");

        // Ready: a silo answers and can round-trip the store.
        routes.MapGet("/readyz", async (IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            try
            {
                await grains.GetGrain<IStoreProbeGrain>(0).ProbeAsync().WaitAsync(ProbeTimeout, cancellationToken);
                return Results.Json(HealthDocument.Ready, WireJson.Context.HealthDocument);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new ApiException(StatusCodes.Status503ServiceUnavailable, $"Not ready: the cluster or its store cannot be reached ({ex.GetType().Name}).")
                {
                    RetryAfterSeconds = ApiErrorHandling.RetryAfterSeconds,
                };
            }
        }).WithTags("Health");
        return routes;
    }
}
