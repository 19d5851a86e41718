namespace HiveOrleans.Grains.Media;

/// <summary>
/// The one time limit of a download, shared by its headers, its redirects and its body. Tells a timeout apart from
/// the caller cancelling: only the first is a fetch failure.
/// </summary>
internal sealed class FetchDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _callerToken;
    private readonly TimeSpan _limit;

    public FetchDeadline(TimeSpan limit, CancellationToken callerToken)
    {
        _limit = limit;
        _callerToken = callerToken;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _source.CancelAfter(limit);
    }

    /// <summary>Cancelled when the time is up or the caller cancels.</summary>
    public CancellationToken Token => _source.Token;

    public bool HasExpired => _source.IsCancellationRequested && !_callerToken.IsCancellationRequested;

    public MediaFetchException Expired(Exception? cause = null) =>
        new(MediaFetchFailure.Timeout, $"the download took longer than {_limit.TotalSeconds:0.###} s", cause);

    public void Dispose() => _source.Dispose();
}
