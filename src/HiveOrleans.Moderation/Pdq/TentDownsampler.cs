using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// PDQ's downsampling to 64×64: two rounds of box blur along rows then columns (Jarosz: repeated box
/// filters approximate a tent), then point sampling at cell centres. The blur is what makes the sampling
/// safe from aliasing, so the result barely depends on the input resolution.
/// </summary>
internal static class TentDownsampler
{
    public const int Side = 64;

    private const int Rounds = 2;

    /// <summary>About half the shrink factor, so that two rounds span one output cell.</summary>
    public static int WindowSize(int fromLength, int toLength) => (fromLength + (2 * toLength) - 1) / (2 * toLength);

    /// <summary>Blurs <paramref name="image"/> in place (using <paramref name="scratch"/>) and writes the 64×64 samples.</summary>
    public static void Downsample(Span<float> image, Span<float> scratch, int width, int height, Span<float> output)
    {
        var rowWindow = WindowSize(width, Side);
        var columnWindow = WindowSize(height, Side);
        for (var round = 0; round < Rounds; round++)
        {
            BlurRows(image, scratch, width, height, rowWindow);
            BlurColumns(scratch, image, width, height, columnWindow);
        }

        for (var oy = 0; oy < Side; oy++)
        {
            var y = (int)((oy + 0.5) * height / Side);
            for (var ox = 0; ox < Side; ox++)
            {
                var x = (int)((ox + 0.5) * width / Side);
                output[(oy * Side) + ox] = image[(y * width) + x];
            }
        }
    }

    // Each output averages the samples from (window - 1) / 2 behind to window / 2 ahead, clipped at the
    // edges. The running sum adds the entering sample before removing the leaving one: the reference
    // rounds in that order, and luma taken from its decoder then gives its exact bits.
    private static void BlurRows(ReadOnlySpan<float> source, Span<float> target, int width, int height, int window)
    {
        var behind = (window - 1) / 2;
        var ahead = window / 2;
        for (var y = 0; y < height; y++)
        {
            var input = source.Slice(y * width, width);
            var output = target.Slice(y * width, width);
            var sum = 0f;
            var count = 0;
            for (var k = 0; k < Math.Min(ahead, width); k++)
            {
                sum += input[k];
                count++;
            }

            for (var x = 0; x < width; x++)
            {
                var entering = x + ahead;
                if (entering < width)
                {
                    sum += input[entering];
                    count++;
                }

                var leaving = x - behind - 1;
                if (leaving >= 0)
                {
                    sum -= input[leaving];
                    count--;
                }

                output[x] = sum / count;
            }
        }
    }

    // The same filter down the columns, run a whole row at a time so memory is read in order; every
    // column still sees the same sequence of float operations as the one-column-at-a-time form.
    private static void BlurColumns(ReadOnlySpan<float> source, Span<float> target, int width, int height, int window)
    {
        var behind = (window - 1) / 2;
        var ahead = window / 2;
        var rented = ArrayPool<float>.Shared.Rent(width);
        try
        {
            var sums = rented.AsSpan(0, width);
            sums.Clear();
            var count = 0;
            for (var k = 0; k < Math.Min(ahead, height); k++)
            {
                Add(sums, source.Slice(k * width, width));
                count++;
            }

            for (var y = 0; y < height; y++)
            {
                var entering = y + ahead;
                if (entering < height)
                {
                    Add(sums, source.Slice(entering * width, width));
                    count++;
                }

                var leaving = y - behind - 1;
                if (leaving >= 0)
                {
                    Subtract(sums, source.Slice(leaving * width, width));
                    count--;
                }

                Divide(sums, count, target.Slice(y * width, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void Add(Span<float> sums, ReadOnlySpan<float> row)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(sums);
        var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] += rowVectors[i];
        }

        for (var i = vectors.Length * Vector<float>.Count; i < sums.Length; i++)
        {
            sums[i] += row[i];
        }
    }

    private static void Subtract(Span<float> sums, ReadOnlySpan<float> row)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(sums);
        var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] -= rowVectors[i];
        }

        for (var i = vectors.Length * Vector<float>.Count; i < sums.Length; i++)
        {
            sums[i] -= row[i];
        }
    }

    private static void Divide(ReadOnlySpan<float> sums, int count, Span<float> output)
    {
        var divisor = (float)count;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(sums);
        var outputVectors = MemoryMarshal.Cast<float, Vector<float>>(output);
        var divisors = new Vector<float>(divisor);
        for (var i = 0; i < vectors.Length; i++)
        {
            outputVectors[i] = vectors[i] / divisors;
        }

        for (var i = vectors.Length * Vector<float>.Count; i < sums.Length; i++)
        {
            output[i] = sums[i] / divisor;
        }
    }
}
