using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// The HiveOrleans task API over <see cref="HttpClient"/>: submit text or media (sync or async), read a task, follow
/// it live, and resend its callback. Every call sends the project's key, retries 429 and 503 as
/// <see cref="HiveOrleansClientOptions"/> allow, and throws <see cref="HiveOrleansException"/> for any other refusal.
/// Thread-safe; register it with <c>services.AddHiveOrleansClient(...)</c> or make one over your own <see cref="HttpClient"/>.
/// </summary>
public sealed partial class HiveOrleansClient
{
    private readonly HttpClient _http;
    private readonly HiveOrleansClientOptions _options;
    private readonly Uri _base;

    /// <summary>A client over <paramref name="httpClient"/>, which it does not dispose.</summary>
    /// <exception cref="InvalidOperationException">The options lack the API key, or neither they nor the HttpClient give a base address.</exception>
    public HiveOrleansClient(HttpClient httpClient, HiveOrleansClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _options = options;
        var address = options.BaseAddress ?? httpClient.BaseAddress
            ?? throw new InvalidOperationException("Set HiveOrleansClientOptions.BaseAddress (or the HttpClient's BaseAddress) to the gateway's address.");
        _base = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

    /// <summary>
    /// Submits and waits for the finished task (<c>POST /api/v2/task/sync</c>). For model-only projects; the gateway
    /// answers 504 (<see cref="HiveOrleansException.TaskId"/> set) when the task outlasts the project's sync timeout.
    /// </summary>
    public async Task<TaskResult> SubmitSyncAsync(ModerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = await SubmissionBody.PrepareAsync(request, request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        var json = await SendForJsonAsync(() => Post("api/v2/task/sync", body.CreateContent()), cancellationToken).ConfigureAwait(false);
        return TaskResult.FromJson(json);
    }

    /// <summary>
    /// Submits for later (<c>POST /api/v2/task/async</c>); the acknowledgement comes once the task is durably stored.
    /// Without an <see cref="ModerationRequest.IdempotencyKey"/>, one is made up, so a retried submission never makes a
    /// second task; it is on the acknowledgement.
    /// </summary>
    public async Task<TaskAcknowledgement> SubmitAsync(ModerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.IdempotencyKey ?? "sdk-" + Guid.NewGuid().ToString("N");
        using var body = await SubmissionBody.PrepareAsync(request, key, cancellationToken).ConfigureAwait(false);
        var json = await SendForJsonAsync(() => Post("api/v2/task/async", body.CreateContent()), cancellationToken).ConfigureAwait(false);
        return TaskAcknowledgement.From(json, key);
    }

    /// <summary>
    /// The task as it stands (<c>GET /api/v2/task/{id}</c>). <paramref name="frameOffset"/> and
    /// <paramref name="frameLimit"/> page a long video's or recording's output (the gateway's default: 200 entries from 0).
    /// </summary>
    public async Task<TaskResult> GetTaskAsync(string taskId, int? frameOffset = null, int? frameLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentOutOfRangeException.ThrowIfNegative(frameOffset ?? 0, nameof(frameOffset));
        ArgumentOutOfRangeException.ThrowIfNegative(frameLimit ?? 0, nameof(frameLimit));
        var query = new List<string>();
        if (frameOffset is { } offset)
        {
            query.Add("frame_offset=" + offset.ToString(CultureInfo.InvariantCulture));
        }

        if (frameLimit is { } limit)
        {
            query.Add("frame_limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        var path = TaskPath(taskId) + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var json = await SendForJsonAsync(() => Request(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        return TaskResult.FromJson(json);
    }

    /// <summary>
    /// Sends the finished task's callback again (<c>POST /api/v2/task/{id}/resend</c>); the payload then carries
    /// <c>resent_on</c> and <c>resent_by: "api"</c>. A task without a callback URL, or not finished, is 400.
    /// </summary>
    public async Task<CallbackResend> ResendCallbackAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var json = await SendForJsonAsync(() => Request(HttpMethod.Post, TaskPath(taskId) + "/resend"), cancellationToken).ConfigureAwait(false);
        return CallbackResend.From(json);
    }

    /// <summary>
    /// Follows a task live over <c>GET /api/v2/task/{id}/events</c> (Server-Sent Events): a status event per change,
    /// the current status first, then the finished task as the last event, after which the sequence ends. A stream
    /// that breaks before the end is opened again after <see cref="HiveOrleansClientOptions.DefaultRetryDelay"/> (at most
    /// <see cref="HiveOrleansClientOptions.MaxAttempts"/> connections in all); a status seen already is not repeated.
    /// </summary>
    public async IAsyncEnumerable<TaskEvent> WatchAsync(string taskId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var path = TaskPath(taskId) + "/events";
        string? lastStatus = null;
        for (var connection = 1; ; connection++)
        {
            using var response = await SendAsync(() => EventStreamRequest(path), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var events = SseParser.Create(stream, (type, data) => (Type: type, Data: type is "status" or "task" ? JsonRead.Parse(data) : default)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (events.ConfigureAwait(false))
                {
                    while (await NextOrBrokenAsync(events, cancellationToken).ConfigureAwait(false))
                    {
                        var (type, data) = events.Current.Data;
                        if (type == "task")
                        {
                            yield return new TaskEvent { Task = TaskResult.FromJson(data) };
                            yield break;
                        }

                        if (type == "status" && TaskStatusChange.From(data) is var change && change.Status != lastStatus)
                        {
                            lastStatus = change.Status;
                            yield return new TaskEvent { Status = change };
                        }
                    }
                }
            }

            if (connection >= _options.MaxAttempts)
            {
                throw new HiveOrleansException($"The event stream of task {taskId} ended before the task finished, {connection} times.");
            }

            await Task.Delay(_options.DefaultRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next event, or false when the stream ended or broke (the caller then reconnects).</summary>
    private static async Task<bool> NextOrBrokenAsync<T>(IAsyncEnumerator<T> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception broken) when (broken is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (JsonException invalid)
        {
            throw new HiveOrleansException("An event of the task's stream is not JSON: " + invalid.Message, invalid);
        }
    }

    private async Task<JsonElement> SendForJsonAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonRead.Parse(body);
        }
        catch (JsonException invalid)
        {
            throw new HiveOrleansException((int)response.StatusCode, "The gateway's answer is not JSON: " + invalid.Message);
        }
    }

    /// <summary>
    /// Sends, retrying 429 and 503 after the <c>Retry-After</c> the gateway gave (or <see cref="HiveOrleansClientOptions.DefaultRetryDelay"/>)
    /// while attempts and <see cref="HiveOrleansClientOptions.MaxRetryWait"/> last; any other failure throws at once.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            HiveOrleansException refusal;
            using (var request = build())
            {
                var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    refusal = await HiveOrleansException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
                }
            }

            var delay = refusal.RetryAfter ?? _options.DefaultRetryDelay;
            if (!refusal.IsTransient || attempt >= _options.MaxAttempts || waited + delay > _options.MaxRetryWait)
            {
                throw refusal;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    private HttpRequestMessage Post(string path, HttpContent content)
    {
        var request = Request(HttpMethod.Post, path);
        request.Content = content;
        return request;
    }

    private HttpRequestMessage EventStreamRequest(string path)
    {
        var request = Request(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.TryAddWithoutValidation("authorization", "token " + _options.ApiKey);
        return request;
    }

    private static string TaskPath(string taskId) => "api/v2/task/" + Uri.EscapeDataString(taskId);
}
