namespace HiveOrleans.Tests.Storage.Media;

/// <summary>
/// An upload as a store sees it over HTTP: not seekable, no length, arriving in small pieces. It can also go on
/// forever (to prove a store stops at its limit) or break part-way (to prove a store cleans up).
/// </summary>
public sealed class UploadStream : Stream
{
    private readonly byte[] _content;
    private readonly int _pieceSize;
    private readonly bool _endless;
    private readonly long _failAfter;
    private long _served;

    private UploadStream(byte[] content, int pieceSize, bool endless, long failAfter)
    {
        _content = content;
        _pieceSize = pieceSize;
        _endless = endless;
        _failAfter = failAfter;
    }

    /// <summary>How many bytes the store has read so far.</summary>
    public long Served => _served;

    public static UploadStream Of(byte[] content, int pieceSize = 7 * 1024 + 3) => new(content, pieceSize, endless: false, failAfter: long.MaxValue);

    public static UploadStream Endless() => new([1, 2, 3, 4, 5, 6, 7, 8, 9], 4096, endless: true, failAfter: long.MaxValue);

    public static UploadStream FailingAfter(byte[] content, long bytes) => new(content, 4096, endless: false, failAfter: bytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_served >= _failAfter)
        {
            throw new IOException("The client went away.");
        }

        var count = Math.Min(buffer.Length, _pieceSize);
        if (!_endless)
        {
            count = (int)Math.Min(count, _content.Length - _served);
        }

        for (var i = 0; i < count; i++)
        {
            buffer[i] = _content[(int)((_served + i) % _content.Length)];
        }

        _served += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
