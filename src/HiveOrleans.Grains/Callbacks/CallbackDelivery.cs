using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Makes one signed attempt to POST a finished task to its callback URL. It decides nothing about retries: the task
/// records the outcome and the next attempt's time in its row of the task store, so a pending retry holds no memory.
/// Each destination (scheme, host and port) gets at most <see cref="TaskOptions.CallbackConcurrencyPerDestination"/>
/// requests at once from this silo, so one slow receiver cannot take every connection from the others.
/// </summary>
public sealed partial class CallbackDelivery(
    IHttpClientFactory clients,
    DestinationHealth health,
    ITaskStore store,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<CallbackDelivery> logger)
{
    public const string HttpClientName = "hive-callbacks";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _destinations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A callback's destination: its scheme, host and port, the unit of concurrency and of recovery.</summary>
    public static string DestinationOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Authority);
    }

    /// <param name="message">The signed callback.</param>
    /// <param name="sendAnyway">
    /// The task is its failing destination's probe, or its retry was brought forward because the destination answered
    /// again: it is sent even while the destination is held as failing.
    /// </param>
    /// <param name="cancellationToken">Stops the attempt (the task's silo is stopping); nothing is recorded then.</param>
    public async Task<CallbackAttempt> DeliverAsync(CallbackMessage message, bool sendAnyway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var destination = DestinationOf(message.Url);
        if (!sendAnyway && health.IsFailing(destination))
        {
            health.Held(destination, message.TaskId);
            HiveMetrics.CallbackAttempts.Add(1, HiveMetrics.Outcome("held"));
            return new CallbackAttempt(false, null, "held: the destination is failing and is being probed", TimeSpan.Zero, Held: true);
        }

        var slots = _destinations.GetOrAdd(destination, _ => new SemaphoreSlim(settings.CallbackConcurrencyPerDestination));
        if (!await slots.WaitAsync(settings.CallbackTimeout, cancellationToken).ConfigureAwait(false))
        {
            LogDeferred(logger, message.TaskId, message.Url.Authority);
            HiveMetrics.CallbackAttempts.Add(1, HiveMetrics.Outcome("deferred"));
            return new CallbackAttempt(false, null, "destination busy", TimeSpan.Zero, Deferred: true);
        }

        CallbackAttempt attempt;
        try
        {
            attempt = await SendAsync(message, settings.CallbackTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }

        // A refusal says nothing of whether the destination answers, and must not hold its other tasks for probing.
        if (!attempt.Refused && health.Record(destination, attempt.Succeeded))
        {
            // Off the caller's path: the task's own outcome does not wait for the backlog's.
            _ = BringBacklogForwardAsync(destination, settings.CallbackRecoverySpread);
        }

        return attempt;
    }

    /// <summary>The destination answered after failing: its pending retries, on every silo, fall due within the spread.</summary>
    private async Task BringBacklogForwardAsync(string destination, TimeSpan spread)
    {
        try
        {
            var count = await store.ExpediteCallbacksToAsync(destination, spread).ConfigureAwait(false);
            LogRecovered(logger, destination, count, spread.TotalSeconds);
        }
        catch (Exception ex)
        {
            // The retries keep their own schedules; each success there brings nothing forward, but nothing is lost.
            LogBacklogFailed(logger, destination, ex);
        }
    }

    private async Task<CallbackAttempt> SendAsync(CallbackMessage message, TimeSpan timeoutAfter, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeoutAfter);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(message.Payload) };
            request.Content.Headers.ContentType = Json;
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, message.MessageId);
            request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            if (message.Secrets.Count > 0)
            {
                request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(message.Secrets, message.MessageId, timestamp, message.Payload));
            }

            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var attempt = new CallbackAttempt(response.IsSuccessStatusCode, status, null, Stopwatch.GetElapsedTime(started));
            LogAttempt(logger, message.TaskId, status, attempt.Duration.TotalMilliseconds);
            Record(attempt);
            return attempt;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var error = CallbackFailure.Describe(ex, timeoutAfter);
            LogFailure(logger, message.TaskId, error);
            var failed = new CallbackAttempt(false, null, error, Stopwatch.GetElapsedTime(started), Refused: CallbackFailure.IsRefused(ex));
            Record(failed);
            return failed;
        }
    }

    private static void Record(CallbackAttempt attempt)
    {
        HiveMetrics.CallbackAttempts.Add(1, HiveMetrics.Outcome(attempt.Succeeded ? "delivered" : attempt.Refused ? "refused" : "failed"));
        HiveMetrics.CallbackDuration.Record(attempt.Duration.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback destination {Destination} answers again; {Count} pending retries brought forward within {Seconds} s")]
    private static partial void LogRecovered(ILogger logger, string destination, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring forward the pending callbacks to {Destination}")]
    private static partial void LogBacklogFailed(ILogger logger, string destination, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callback for task {TaskId} answered {Status} in {Milliseconds} ms")]
    private static partial void LogAttempt(ILogger logger, Guid taskId, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for task {TaskId} failed: {Error}")]
    private static partial void LogFailure(ILogger logger, Guid taskId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callback for task {TaskId} deferred: {Destination} has as many callbacks in flight as it may")]
    private static partial void LogDeferred(ILogger logger, Guid taskId, string destination);
}
