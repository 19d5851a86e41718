using System.Buffers;
using System.Data;
using Npgsql;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// A read-only, seekable view of one blob in PostgreSQL that fetches its chunks one at a time, as reading reaches
/// them. Each fetch is a short query on a pooled connection, so a slow reader holds no connection between reads.
/// </summary>
/// <remarks>
/// Chunks never change (the key is the content's hash), so reading across several queries is consistent; the only
/// thing that can happen is that the blob is deleted mid-read, which surfaces as <see cref="MediaNotFoundException"/>.
/// </remarks>
internal sealed class PostgresMediaStream : Stream
{
    private const string ReadChunkSql = "SELECT data FROM hive_media_chunk WHERE media_key = $1 AND seq = $2";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _key;
    private readonly long _length;
    private readonly int _chunkSize;
    private byte[]? _chunk;
    private int _chunkSeq = -1;
    private long _position;

    public PostgresMediaStream(NpgsqlDataSource dataSource, string key, long length, int chunkSize)
    {
        _dataSource = dataSource;
        _key = key;
        _length = length;
        _chunkSize = chunkSize;
        _chunk = ArrayPool<byte>.Shared.Rent(chunkSize);
    }

    public override bool CanRead => _chunk is not null;

    public override bool CanSeek => _chunk is not null;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var chunk = Chunk();
        if (buffer.IsEmpty || _position >= _length)
        {
            return 0;
        }

        var seq = SeqAt(_position);
        if (seq != _chunkSeq)
        {
            _chunkSeq = -1;
            using var connection = _dataSource.OpenConnection();
            using var command = ReadChunkCommand(connection, seq);
            using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow);
            if (!reader.Read())
            {
                throw Deleted();
            }

            using var data = reader.GetStream(0);
            CheckLength(seq, data.ReadAtLeast(chunk.AsSpan(0, _chunkSize), _chunkSize, throwOnEndOfStream: false));
            _chunkSeq = seq;
        }

        return CopyOut(chunk, buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var chunk = Chunk();
        if (buffer.IsEmpty || _position >= _length)
        {
            return 0;
        }

        var seq = SeqAt(_position);
        if (seq != _chunkSeq)
        {
            _chunkSeq = -1;
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = ReadChunkCommand(connection, seq);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Deleted();
            }

            await using var data = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
            CheckLength(seq, await data.ReadAtLeastAsync(chunk.AsMemory(0, _chunkSize), _chunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false));
            _chunkSeq = seq;
        }

        return CopyOut(chunk, buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        _ = Chunk();
        var position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
        };
        if (position < 0)
        {
            throw new IOException("Cannot seek before the beginning of the media.");
        }

        _position = position;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("Stored media is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Stored media is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _chunk is { } chunk)
        {
            _chunk = null;
            ArrayPool<byte>.Shared.Return(chunk);
        }

        base.Dispose(disposing);
    }

    private byte[] Chunk() => _chunk ?? throw new ObjectDisposedException(nameof(PostgresMediaStream));

    private int SeqAt(long position) => checked((int)(position / _chunkSize));

    private NpgsqlCommand ReadChunkCommand(NpgsqlConnection connection, int seq)
    {
        var command = new NpgsqlCommand(ReadChunkSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _key });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = seq });
        return command;
    }

    // Every chunk but the last is full; anything else means the rows do not match the media row.
    private void CheckLength(int seq, int read)
    {
        var expected = (int)Math.Min(_chunkSize, _length - ((long)seq * _chunkSize));
        if (read != expected)
        {
            throw new InvalidDataException($"Chunk {seq} of media {_key} holds {read} bytes where {expected} were expected.");
        }
    }

    private int CopyOut(byte[] chunk, Span<byte> buffer)
    {
        var offsetInChunk = (int)(_position - ((long)_chunkSeq * _chunkSize));
        var available = (int)Math.Min(_chunkSize - offsetInChunk, _length - _position);
        var count = Math.Min(available, buffer.Length);
        chunk.AsSpan(offsetInChunk, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private MediaNotFoundException Deleted() => new($"Media {_key} was deleted while it was being read.");
}
