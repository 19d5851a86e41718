using System.Net.Http.Headers;
using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// The gateway refused or failed a request: its JSON error <c>{"return_code", "message"}</c>, with the
/// <c>Retry-After</c> it gave. It is the one exception type of the SDK's calls; connection failures stay
/// <see cref="HttpRequestException"/> and timeouts <see cref="TaskCanceledException"/>, as <see cref="HttpClient"/> raises them.
/// </summary>
public sealed class HiveOrleansException : Exception
{
    /// <summary>An error with the given status and message.</summary>
    public HiveOrleansException(int returnCode, string message, TimeSpan? retryAfter = null, string? taskId = null)
        : base(message)
    {
        ReturnCode = returnCode;
        RetryAfter = retryAfter;
        TaskId = taskId;
    }

    /// <summary>An error with status 0 (no answer from the gateway) and the given message.</summary>
    public HiveOrleansException(string message)
        : this(0, message)
    {
    }

    /// <summary>An error with status 0 that wraps what caused it.</summary>
    public HiveOrleansException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error with status 0 and no message.</summary>
    public HiveOrleansException()
    {
    }

    /// <summary>The HTTP status, as the body's <c>return_code</c> repeats it: 400, 403, 404, 413, 415, 429, 503, 504, ….</summary>
    public int ReturnCode { get; }

    /// <summary>How long the gateway asked the caller to wait (429 and 503); null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The task the error concerns: a sync submission that timed out (504) names the task that goes on.</summary>
    public string? TaskId { get; }

    /// <summary>Whether a later retry of the same request may succeed (429 and 503).</summary>
    public bool IsTransient => ReturnCode is 429 or 503;

    internal static async Task<HiveOrleansException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var json = JsonRead.Parse(body);
            if (JsonRead.String(json, "message") is { } message)
            {
                return new HiveOrleansException(JsonRead.Int(json, "return_code") ?? status, message, retryAfter, JsonRead.String(json, "task_id"));
            }
        }
        catch (JsonException)
        {
            // Not the gateway's JSON error (a proxy's page, say): the status says what happened.
        }

        return new HiveOrleansException(status, $"The server answered {status} {response.ReasonPhrase} without a HiveOrleans error body.", retryAfter);
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
