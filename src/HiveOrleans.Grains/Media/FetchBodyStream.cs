namespace HiveOrleans.Grains.Media;

/// <summary>
/// The body a consumer reads: it fails with <see cref="MediaFetchException"/> as soon as more than the limit arrives,
/// when the fetch's time is up (even if the consumer reads without a token of its own, or synchronously), and when the
/// connection breaks off, so a consumer streaming it into a store needs no limits of its own.
/// </summary>
internal sealed class FetchBodyStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpResponseMessage _response;
    private readonly long _maxBytes;
    private readonly FetchDeadline _deadline;
    private readonly CancellationTokenRegistration _abortOnDeadline;
    private long _read;

    public FetchBodyStream(Stream inner, HttpResponseMessage response, long maxBytes, FetchDeadline deadline)
    {
        _inner = inner;
        _response = response;
        _maxBytes = maxBytes;
        _deadline = deadline;

        // A read that does not watch the deadline's token (a synchronous one) still ends when the connection goes.
        _abortOnDeadline = deadline.Token.UnsafeRegister(static state => ((HttpResponseMessage)state!).Dispose(), response);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var window = Window(buffer.Length);
        int read;
        try
        {
            read = _inner.Read(buffer[..window]);
        }
        catch (Exception ex) when (Translate(ex) is { } failure)
        {
            throw failure;
        }

        return Count(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var window = Window(buffer.Length);
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != _deadline.Token
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token)
            : null;
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer[..window], linked?.Token ?? _deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } failure)
        {
            throw failure;
        }

        return Count(read);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _abortOnDeadline.Dispose();
            _inner.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Asks for at most one byte past the limit: enough to know it was passed, no more.</summary>
    private int Window(int wanted)
    {
        if (_read > _maxBytes)
        {
            throw TooLarge();
        }

        return (int)Math.Min(wanted, _maxBytes - _read + 1);
    }

    private int Count(int read)
    {
        _read += read;
        return _read > _maxBytes ? throw TooLarge() : read;
    }

    private MediaFetchException TooLarge() => new(MediaFetchFailure.TooLarge, $"the body is over the limit of {_maxBytes} bytes");

    private Exception? Translate(Exception ex)
    {
        if (_deadline.HasExpired)
        {
            return _deadline.Expired(ex);
        }

        if (_deadline.Token.IsCancellationRequested)
        {
            // The caller cancelled; a synchronous read learns of it as the connection closing under it.
            return ex is OperationCanceledException ? null : new OperationCanceledException("The fetch was cancelled.", ex, _deadline.Token);
        }

        return ex switch
        {
            HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } =>
                new MediaFetchException(MediaFetchFailure.Unreachable, "the connection closed before the body was complete", ex),
            IOException or HttpRequestException =>
                new MediaFetchException(MediaFetchFailure.Unreachable, $"the download broke off: {ex.Message}", ex),
            _ => null,
        };
    }
}
