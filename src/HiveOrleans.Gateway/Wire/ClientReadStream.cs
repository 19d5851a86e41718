namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// A read-only view of a stream the client is sending, whose read failures are the client's doing: each
/// <see cref="IOException"/> is passed to <c>translate</c>, and the exception it returns is thrown instead (null:
/// the original stands). Marking failures where they arise lets the error handler tell them by type from the I/O
/// failures of our own stores, which are a 503.
/// </summary>
internal sealed class ClientReadStream(Stream inner, Func<IOException, Exception?> translate) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (IOException ex) when (translate(ex) is { } client)
        {
            throw client;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException ex) when (translate(ex) is { } client)
        {
            throw client;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
