using System.Text.Json;
using System.Text.Json.Nodes;

namespace HiveOrleans.Cli.Http;

/// <summary>
/// One request to the operator API; <see cref="Path"/> is relative to the base URL so a path prefix is kept. With an
/// <see cref="Upload"/>, the body is sent as <c>multipart/form-data</c>: the JSON in the upload's field, the file in its part.
/// </summary>
internal sealed record ApiRequest(HttpMethod Method, string Path, JsonObject? Body = null, FileUpload? Upload = null) : IApiCall
{
    public Task<JsonElement> SendAsync(OperatorApiClient client, CancellationToken cancellationToken) => client.SendAsync(this, cancellationToken);
}

/// <summary>A file sent with a request's JSON as multipart parts: the JSON in the field <paramref name="JsonField"/>, the file in <paramref name="Part"/>.</summary>
internal sealed record FileUpload(string JsonField, string Part, string FileName, byte[] Content);
