using System.Runtime.CompilerServices;

namespace HiveOrleans.Client;

/// <summary>Batch submission: many tasks in one request (<c>POST /api/v2/task/batch</c>) and a batch's progress.</summary>
public sealed partial class HiveOrleansClient
{
    /// <summary>
    /// Submits up to 1,000 items as one JSON body. Each item becomes its own task, or gets its own error, in
    /// <see cref="BatchAcknowledgement.Items"/> in the order given; one bad item never fails the others. Items carry text
    /// or a URL (uploads cannot be batched) and their own metadata, callback URL and idempotency key. A refusal of the
    /// request as a whole (429 or 503 before anything was stored) is retried like any submission.
    /// </summary>
    /// <param name="items">The items, each made with <see cref="ModerationRequest.ForText"/> or <see cref="ModerationRequest.ForUrl"/>.</param>
    /// <param name="batchCallbackUrl">Where one signed POST goes when every item has finished; null for none.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <exception cref="ArgumentException">An item is a file or stream upload.</exception>
    public async Task<BatchAcknowledgement> SubmitBatchAsync(
        IEnumerable<ModerationRequest> items, Uri? batchCallbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var body = BatchContent.JsonArray(items);
        var json = await SendForJsonAsync(() => Post(BatchPath(batchCallbackUrl), BatchContent.Json(body)), cancellationToken).ConfigureAwait(false);
        return BatchAcknowledgement.FromJson(json);
    }

    /// <summary>
    /// Submits up to 100,000 items as NDJSON, one line per item, streamed as <paramref name="items"/> yields them: the
    /// request body is never held whole in memory. The answer is as for <see cref="SubmitBatchAsync"/>. The stream
    /// cannot be sent twice, so nothing is retried: a 429 or 503 for the request as a whole is thrown.
    /// </summary>
    /// <param name="items">The items, read as the body is sent.</param>
    /// <param name="batchCallbackUrl">Where one signed POST goes when every item has finished; null for none.</param>
    /// <param name="cancellationToken">Stops sending, or waiting for the answer.</param>
    /// <exception cref="ArgumentException">An item is a file or stream upload (thrown while the body is sent).</exception>
    public async Task<BatchAcknowledgement> SubmitBatchNdjsonAsync(
        IAsyncEnumerable<ModerationRequest> items, Uri? batchCallbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var request = Post(BatchPath(batchCallbackUrl), BatchContent.Ndjson(items));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await HiveOrleansException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return BatchAcknowledgement.FromJson(JsonRead.Parse(body));
    }

    /// <summary><see cref="SubmitBatchNdjsonAsync(IAsyncEnumerable{ModerationRequest}, Uri?, CancellationToken)"/> over a sequence already in hand.</summary>
    public Task<BatchAcknowledgement> SubmitBatchNdjsonAsync(
        IEnumerable<ModerationRequest> items, Uri? batchCallbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return SubmitBatchNdjsonAsync(Yield(items, cancellationToken), batchCallbackUrl, cancellationToken);
    }

    /// <summary>A batch's progress (<c>GET /api/v2/batch/{id}</c>): counts of its tasks by status. Another project's batch is 404.</summary>
    public async Task<BatchStatus> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        var json = await SendForJsonAsync(() => Request(HttpMethod.Get, "api/v2/batch/" + Uri.EscapeDataString(batchId)), cancellationToken).ConfigureAwait(false);
        return BatchStatus.FromJson(json);
    }

    private static string BatchPath(Uri? batchCallbackUrl) =>
        "api/v2/task/batch" + (batchCallbackUrl is null ? "" : "?callback_url=" + Uri.EscapeDataString(batchCallbackUrl.ToString()));

#pragma warning disable CS1998 // An async view of a sequence in hand.
    private static async IAsyncEnumerable<ModerationRequest> Yield(IEnumerable<ModerationRequest> items, [EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
