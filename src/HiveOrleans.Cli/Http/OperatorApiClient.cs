using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HiveOrleans.Cli.Http;

/// <summary>Sends one request to the operator API and turns every way it can fail into one readable sentence.</summary>
internal sealed class OperatorApiClient(HttpClient http, Connection connection)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The answer's JSON body; <see cref="JsonValueKind.Undefined"/> when the API answered with no body.</summary>
    public async Task<JsonElement> SendAsync(ApiRequest call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, new Uri(connection.BaseUrl, call.Path));
        request.Headers.TryAddWithoutValidation("authorization", $"Bearer {connection.Token}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Upload is { } upload)
        {
            var file = new ByteArrayContent(upload.Content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Content = new MultipartFormDataContent
            {
                { new StringContent(call.Body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"), upload.JsonField },
                { file, upload.Part, upload.FileName },
            };
        }
        else if (call.Body is not null)
        {
            request.Content = new StringContent(call.Body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        string text;
        HttpStatusCode status;
        string? reason;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = response.StatusCode;
            reason = response.ReasonPhrase;
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiCallException(Unreachable(ex));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiCallException($"no answer from {connection.BaseUrl} within {http.Timeout.TotalSeconds:0} s");
        }

        var json = TryParse(text);
        if ((int)status is < 200 or > 299)
        {
            var message = json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
            throw new ApiCallException(OneLine(string.IsNullOrWhiteSpace(message)
                ? $"{call.Method} {request.RequestUri} answered {(int)status} {reason}".TrimEnd()
                : message));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        return json ?? throw new ApiCallException($"{call.Method} {request.RequestUri} answered {(int)status} with a body that is not JSON");
    }

    private string Unreachable(HttpRequestException ex)
    {
        var socket = FindInner<SocketException>(ex);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"connection refused to {connection.BaseUrl} (is the gateway running there?)",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"cannot resolve the host of {connection.BaseUrl}",
            SocketError.TimedOut => $"connecting to {connection.BaseUrl} timed out",
            _ => OneLine($"cannot reach {connection.BaseUrl}: {ex.Message}"),
        };
    }

    private static T? FindInner<T>(Exception ex)
        where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static JsonElement? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The contract is one line on stderr, whatever the server put in its message.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
