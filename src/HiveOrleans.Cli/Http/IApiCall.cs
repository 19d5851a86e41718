using System.Text.Json;

namespace HiveOrleans.Cli.Http;

/// <summary>
/// What one command sends: almost always a single <see cref="ApiRequest"/>; a list longer than the API takes at once
/// is a series of requests whose answers are folded into one, so the command still prints one answer and, when it
/// fails, one line.
/// </summary>
internal interface IApiCall
{
    /// <summary>The answer's JSON body; <see cref="JsonValueKind.Undefined"/> when the API answered with no body.</summary>
    Task<JsonElement> SendAsync(OperatorApiClient client, CancellationToken cancellationToken);
}
