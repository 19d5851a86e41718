using System.Buffers;

namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// A row-major luma image in a pooled buffer, with a second buffer of the same size for the blur passes.
/// Pooled because a hash of a 12-megapixel photo needs ~100 MB of floats, and hashing runs per upload.
/// </summary>
internal sealed class LumaPlane : IDisposable
{
    private float[]? _pixels;
    private float[]? _scratch;

    public LumaPlane(int width, int height)
    {
        Width = width;
        Height = height;
        var length = checked(width * height);
        _pixels = ArrayPool<float>.Shared.Rent(length);
        _scratch = ArrayPool<float>.Shared.Rent(length);
    }

    public int Width { get; }

    public int Height { get; }

    public Span<float> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(LumaPlane))).AsSpan(0, Width * Height);

    public Span<float> Scratch => (_scratch ?? throw new ObjectDisposedException(nameof(LumaPlane))).AsSpan(0, Width * Height);

    public void Dispose()
    {
        if (_pixels is not null)
        {
            ArrayPool<float>.Shared.Return(_pixels);
            _pixels = null;
        }

        if (_scratch is not null)
        {
            ArrayPool<float>.Shared.Return(_scratch);
            _scratch = null;
        }
    }
}
