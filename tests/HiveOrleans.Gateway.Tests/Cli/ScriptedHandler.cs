using System.Net;
using System.Text;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>Stands in for the gateway where a test is about the command line or the output, not the API.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly IReadOnlyList<(HttpStatusCode Status, string Body)> _answers;
    private readonly string _mediaType;

    public ScriptedHandler(HttpStatusCode status, string body, string mediaType = "application/json")
        : this([(status, body)], mediaType)
    {
    }

    private ScriptedHandler(IReadOnlyList<(HttpStatusCode Status, string Body)> answers, string mediaType)
    {
        _answers = answers;
        _mediaType = mediaType;
    }

    public List<RecordedRequest> Requests { get; } = [];

    public static ScriptedHandler Answering(string json) => new(HttpStatusCode.OK, json);

    /// <summary>Gives the answers in turn, one a request; the last is repeated once they run out.</summary>
    public static ScriptedHandler AnsweringInTurn(params (HttpStatusCode Status, string Body)[] answers) => new(answers, "application/json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.TryGetValues("authorization", out var values) ? string.Join(",", values) : null;
        var content = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, authorization, request.Content?.Headers.ContentType?.MediaType, content));
        var (status, body) = _answers[Math.Min(Requests.Count, _answers.Count) - 1];
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, _mediaType), RequestMessage = request };
    }
}
