using System.Net;
using System.Text;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>Stands in for the gateway where a test is about the command line or the output, not the API.</summary>
internal sealed class ScriptedHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    public static ScriptedHandler Answering(string json) => new(HttpStatusCode.OK, json);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.TryGetValues("authorization", out var values) ? string.Join(",", values) : null;
        var content = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, authorization, request.Content?.Headers.ContentType?.MediaType, content));
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
    }
}
