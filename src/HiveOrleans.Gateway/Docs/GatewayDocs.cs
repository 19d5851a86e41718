using HiveOrleans.Gateway.Docs.OpenApi;

namespace HiveOrleans.Gateway.Docs;

/// <summary>What a person's browser finds on the gateway: the OpenAPI document (<c>/openapi/v1.json</c>).</summary>
internal static class GatewayDocs
{
    public static IServiceCollection AddGatewayDocs(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiDescription>());
        return services;
    }
}
