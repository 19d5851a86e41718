using System.Buffers.Binary;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// Finds which kinds of track an MP4/QuickTime file holds while its bytes stream past. The first bytes cannot say:
/// the 'moov' box that lists the tracks is often written last (ffmpeg without <c>+faststart</c>, phone recorders),
/// so the scanner follows the top-level boxes, skipping their contents, keeps only 'moov', and reads each track's
/// handler ('vide', 'soun', …) from it. Anything it cannot follow leaves <see cref="Handlers"/> null: unknown.
/// </summary>
internal sealed class IsoMovieScanner
{
    /// <summary>The largest 'moov' kept; an hour of video indexes in a few MiB, so a bigger one is not worth holding.</summary>
    public const int MaxMovieBytes = 32 * 1024 * 1024;

    private const int LargeHeader = 16;

    private readonly byte[] _header = new byte[LargeHeader];
    private int _headerFilled;
    private long _skip;
    private byte[]? _movie;
    private int _movieFilled;
    private bool _done;

    /// <summary>The handler types of the file's tracks once 'moov' has gone past whole; null until then, or if it never does.</summary>
    public IReadOnlyList<string>? Handlers { get; private set; }

    /// <summary>True once the tracks are known to include sound and no picture.</summary>
    public bool AudioOnly => Handlers is { } handlers && handlers.Contains("soun") && !handlers.Contains("vide");

    /// <summary>Takes the next bytes of the file, in order.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && !_done)
        {
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, bytes.Length);
                _skip -= skipped;
                bytes = bytes[skipped..];
            }
            else if (_movie is not null)
            {
                var taken = Math.Min(_movie.Length - _movieFilled, bytes.Length);
                bytes[..taken].CopyTo(_movie.AsSpan(_movieFilled));
                _movieFilled += taken;
                bytes = bytes[taken..];
                if (_movieFilled == _movie.Length)
                {
                    Handlers = TrackHandlers(_movie);
                    _done = true;
                }
            }
            else
            {
                bytes = FeedHeader(bytes);
            }
        }
    }

    private ReadOnlySpan<byte> FeedHeader(ReadOnlySpan<byte> bytes)
    {
        var wanted = _headerFilled < 8 ? 8 : LargeHeader;
        var taken = Math.Min(wanted - _headerFilled, bytes.Length);
        bytes[..taken].CopyTo(_header.AsSpan(_headerFilled));
        _headerFilled += taken;
        if (_headerFilled < 8)
        {
            return bytes[taken..];
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(_header);
        if (size == 1 && _headerFilled < LargeHeader)
        {
            // A 64-bit size follows the type.
            return bytes[taken..];
        }

        var headerLength = size == 1 ? LargeHeader : 8;
        if (size == 1)
        {
            size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(8)), long.MaxValue);
        }

        _headerFilled = 0;
        if (size == 0 || size < headerLength)
        {
            // 0: the box runs to the end of the file, so nothing follows it; less than its header: not a box.
            _done = true;
            return bytes[taken..];
        }

        var body = size - headerLength;
        if (_header.AsSpan(4, 4).SequenceEqual("moov"u8))
        {
            if (body > MaxMovieBytes)
            {
                _done = true;
            }
            else
            {
                _movie = new byte[body];
                if (body == 0)
                {
                    Handlers = [];
                    _done = true;
                }
            }
        }
        else
        {
            _skip = body;
        }

        return bytes[taken..];
    }

    private static List<string> TrackHandlers(ReadOnlySpan<byte> movie)
    {
        var handlers = new List<string>();
        foreach (var track in Children(movie, "trak"u8))
        {
            foreach (var media in Children(track, "mdia"u8))
            {
                // hdlr: version and flags, then QuickTime's component type (zero in MP4), then the handler type.
                foreach (var handler in Children(media, "hdlr"u8))
                {
                    if (handler.Length >= 12)
                    {
                        handlers.Add(System.Text.Encoding.ASCII.GetString(handler, 8, 4));
                    }
                }
            }
        }

        return handlers;
    }

    /// <summary>The bodies of the boxes of <paramref name="type"/> directly inside <paramref name="parent"/>'s body.</summary>
    private static List<byte[]> Children(ReadOnlySpan<byte> parent, ReadOnlySpan<byte> type)
    {
        var found = new List<byte[]>();
        for (var at = 0; at + 8 <= parent.Length;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(parent[at..]);
            var headerLength = 8;
            if (size == 1)
            {
                if (at + LargeHeader > parent.Length)
                {
                    break;
                }

                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(parent[(at + 8)..]), long.MaxValue);
                headerLength = LargeHeader;
            }
            else if (size == 0)
            {
                size = parent.Length - at;
            }

            if (size < headerLength || size > parent.Length - at)
            {
                break;
            }

            if (parent.Slice(at + 4, 4).SequenceEqual(type))
            {
                found.Add(parent.Slice(at + headerLength, (int)size - headerLength).ToArray());
            }

            at += (int)size;
        }

        return found;
    }
}
