using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// One part of a multipart request body, read by code that also writes elsewhere (the media store). A read that fails
/// here is the client's doing (the body ended before its closing boundary, or the client went away), so it becomes a
/// 400 rather than passing for a storage failure (503).
/// </summary>
internal sealed class MultipartPartStream(Stream part) : Stream
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

    /// <summary>The error for a multipart body that could not be read to its end.</summary>
    public static ApiException Truncated() =>
        ApiException.BadRequest("The multipart/form-data body ended before its closing boundary; send the whole body.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await part.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            throw Truncated();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return part.Read(buffer, offset, count);
        }
        catch (IOException)
        {
            throw Truncated();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
