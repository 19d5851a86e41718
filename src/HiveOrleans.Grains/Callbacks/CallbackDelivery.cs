using System.Diagnostics;
using System.Net.Http.Headers;
using HiveOrleans.Grains.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Makes one attempt to POST a finished task to its callback URL. It decides nothing about retries: the task
/// records the outcome and schedules the next attempt in its durable ledger, so a pending retry holds no memory.
/// </summary>
public sealed partial class CallbackDelivery(IHttpClientFactory clients, IOptions<TaskOptions> options, ILogger<CallbackDelivery> logger)
{
    public const string HttpClientName = "hive-callbacks";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<CallbackAttempt> DeliverAsync(Guid taskId, string url, byte[] payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CallbackTimeout);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = Json;
            using var response = await clients.CreateClient(HttpClientName)
                .PostAsync(new Uri(url), content, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var attempt = new CallbackAttempt(response.IsSuccessStatusCode, status, null, Stopwatch.GetElapsedTime(started));
            LogAttempt(logger, taskId, status, attempt.Duration.TotalMilliseconds);
            return attempt;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var error = ex is OperationCanceledException
                ? $"no answer within {options.Value.CallbackTimeout.TotalSeconds:0.#} s"
                : ex.Message;
            LogFailure(logger, taskId, error);
            return new CallbackAttempt(false, null, error, Stopwatch.GetElapsedTime(started));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callback for task {TaskId} answered {Status} in {Milliseconds} ms")]
    private static partial void LogAttempt(ILogger logger, Guid taskId, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for task {TaskId} failed: {Error}")]
    private static partial void LogFailure(ILogger logger, Guid taskId, string error);
}
