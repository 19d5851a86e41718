using System.Text.Json;
using System.Text.Json.Nodes;

namespace HiveOrleans.Cli.Http;

/// <summary>One request to the operator API; <see cref="Path"/> is relative to the base URL so a path prefix is kept.</summary>
internal sealed record ApiRequest(HttpMethod Method, string Path, JsonObject? Body = null) : IApiCall
{
    public Task<JsonElement> SendAsync(OperatorApiClient client, CancellationToken cancellationToken) => client.SendAsync(this, cancellationToken);
}
