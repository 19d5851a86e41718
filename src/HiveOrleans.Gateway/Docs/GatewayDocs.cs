using HiveOrleans.Gateway.Docs.OpenApi;
using HiveOrleans.Gateway.Review.Page;

namespace HiveOrleans.Gateway.Docs;

/// <summary>
/// What a person's browser finds on the gateway: the start page at <c>/</c>, the API reference at
/// <see cref="ApiReference.Path"/>, the reviewer's page at <see cref="ReviewPage.Path"/>, and the OpenAPI document (<c>/openapi/v1.json</c>) that both describe.
/// </summary>
internal static class GatewayDocs
{
    public static IServiceCollection AddGatewayDocs(this IServiceCollection services, GatewayMode mode)
    {
        services.AddSingleton(mode);
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiDescription>());
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayDocs(this IEndpointRouteBuilder routes)
    {
        routes.MapStartPage();
        routes.MapApiReference();
        routes.MapReviewPage();
        return routes;
    }
}
