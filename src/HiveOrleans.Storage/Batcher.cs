using System.Threading.Channels;

namespace HiveOrleans.Storage;

/// <summary>
/// Group commit for one kind of statement: calls queue up and a few workers each take whatever has queued (up to a
/// batch size) and run it as one round trip. Nothing waits on a timer: under light load a batch is one call; under
/// heavy load the calls that arrive during a round trip share the next one, so round trips grow with load slower than
/// the calls do.
/// </summary>
internal sealed class Batcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _run;
    private readonly int _maxBatch;
    private readonly KeyValuePair<string, object?> _store;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;

    /// <param name="run">Runs a batch; answers one result per item, in order. An exception fails every item of the batch.</param>
    /// <param name="maxBatch">The most items one round trip carries.</param>
    /// <param name="workers">How many batches may be in flight at once.</param>
    /// <param name="name">The store and statement, for the flush metrics (<see cref="StoreMetrics"/>).</param>
    public Batcher(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> run, int maxBatch, int workers, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _store = new("store", name);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _run = run;
        _maxBatch = maxBatch;
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync))];
    }

    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        // A caller that gives up stops waiting; its item still runs with its batch (it may already be on the wire).
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var items = new List<TItem>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            items.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                items.Add(next.Item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            StoreMetrics.FlushRows.Record(batch.Count, _store);
            try
            {
                var results = await _run(items, _stopping.Token).ConfigureAwait(false);
                StoreMetrics.FlushDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, _store);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}
