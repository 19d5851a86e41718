using HiveOrleans.Moderation.Pdq;
using SkiaSharp;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Pdq;

public sealed class PdqHasherTests(ITestOutputHelper output)
{
    // Hashes the C++ reference (ThreatExchange pdq/cpp, pdqHash256FromFloatLuma) printed for these exact luma
    // planes. Equality proves the arithmetic — window sizes, blur rounding order, sampling, DCT, median, bit
    // order — and leaves image decoding as the only place we may differ from the reference.
    [Theory]
    [InlineData(64, 64, "f7de95542b3a72bb2c747395f1e98f7ed1e37fed0002f46b400195b428c844a4", 100)]
    [InlineData(5, 5, "6b5ac67394a5318c695a93a46b5a3c0f96a5ce736b5ac67394a5318c695ac3f0", 69)]
    [InlineData(7, 300, "93266cd9933668dd92763af4d2d66ed990369236e1cf357893863f2093869386", 100)]
    [InlineData(129, 65, "4f6bb1288752eb27ba3a892bbba76bc4d40690a1b82df9ff1a069f59480994d3", 100)]
    [InlineData(1000, 777, "1b0cd446d9d827794fc3202b0866d6b531c60bb6ec1bfe8f50c2de03616ad3f7", 100)]
    [InlineData(1601, 1003, "fe930cab19048cc552af0011b17f7f81586ef3f46f3c88e483ee26c599de4cd4", 100)]
    public void Luma_hashes_bit_for_bit_like_the_reference(int width, int height, string expectedHex, int expectedQuality)
    {
        var result = PdqHasher.HashLuma(Pattern(width, height), width, height);

        Assert.Equal(expectedHex, result.Hash.ToHex());
        Assert.Equal(expectedQuality, result.Quality);
    }

    [Fact]
    public void Hashing_luma_leaves_the_callers_array_untouched()
    {
        var luma = Pattern(300, 200);
        var copy = (float[])luma.Clone();

        PdqHasher.HashLuma(luma, 300, 200);

        Assert.Equal(copy, luma);
    }

    [Fact]
    public void Images_under_five_pixels_a_side_get_the_zero_hash_and_quality_zero()
    {
        var result = PdqHasher.HashLuma(Pattern(4, 100), 4, 100);

        Assert.Equal(new PdqResult(new PdqHash(0, 0, 0, 0), 0), result);
    }

    [Fact]
    public void A_flat_image_has_quality_below_the_minimum()
    {
        var flat = Enumerable.Repeat(128f, 200 * 200).ToArray();

        Assert.True(PdqHasher.HashLuma(flat, 200, 200).Quality < PdqHasher.MinimumQuality);
    }

    [Fact]
    public void A_busy_picture_has_quality_at_least_the_minimum()
    {
        using var scene = SyntheticImages.Scene(seed: 1);

        Assert.True(PdqHasher.Hash(SyntheticImages.Encode(scene, SKEncodedImageFormat.Png)).Quality >= PdqHasher.MinimumQuality);
    }

    [Fact]
    public void Colour_images_hash_their_rec601_luma()
    {
        using var scene = SyntheticImages.Scene(seed: 2);
        var rgb = SyntheticImages.Rgb(scene);
        var luma = new float[scene.Width * scene.Height];
        for (var i = 0; i < luma.Length; i++)
        {
            luma[i] = (0.299f * rgb[i * 3]) + (0.587f * rgb[(i * 3) + 1]) + (0.114f * rgb[(i * 3) + 2]);
        }

        var fromPng = PdqHasher.Hash(SyntheticImages.Encode(scene, SKEncodedImageFormat.Png));

        Assert.Equal(PdqHasher.HashLuma(luma, scene.Width, scene.Height), fromPng);
    }

    [Fact]
    public void Grey_images_hash_their_grey_values()
    {
        var luma = Pattern(320, 240);
        using var grey = new SKBitmap(new SKImageInfo(320, 240, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = grey.GetPixelSpan();
        for (var i = 0; i < luma.Length; i++)
        {
            pixels[i] = (byte)luma[i];
        }

        var fromPng = PdqHasher.Hash(SyntheticImages.Encode(grey, SKEncodedImageFormat.Png));

        Assert.Equal(PdqHasher.HashLuma(luma, 320, 240), fromPng);
    }

    [Fact]
    public void Jpeg_png_gif_webp_and_bmp_of_one_picture_hash_alike()
    {
        using var scene = SyntheticImages.Scene(seed: 3);
        var reference = PdqHasher.Hash(SyntheticImages.Encode(scene, SKEncodedImageFormat.Png)).Hash;
        var encodings = new Dictionary<string, byte[]>
        {
            ["jpeg q90"] = SyntheticImages.Encode(scene, SKEncodedImageFormat.Jpeg, 90),
            ["webp lossless"] = SyntheticImages.Encode(scene, SKEncodedImageFormat.Webp, 100),
            ["webp q80"] = SyntheticImages.Encode(scene, SKEncodedImageFormat.Webp, 80),
            ["bmp"] = LegacyFormatWriter.Bmp(SyntheticImages.Rgb(scene), scene.Width, scene.Height),
            ["gif (grey palette)"] = LegacyFormatWriter.GreyGif(scene.Width, scene.Height, GreyLevels(scene)),
        };

        foreach (var (name, bytes) in encodings)
        {
            var distance = PdqHasher.Hash(bytes).Hash.Distance(reference);
            output.WriteLine($"{name,-20} distance to PNG {distance}");
            Assert.True(distance <= 10, $"{name} is {distance} bits from the PNG");
        }

        Assert.Equal(0, PdqHasher.Hash(encodings["bmp"]).Hash.Distance(reference));
    }

    [Fact]
    public void A_gif_is_hashed_by_its_first_frame()
    {
        using var first = SyntheticImages.Scene(seed: 4);
        using var second = SyntheticImages.Scene(seed: 5);
        var gif = LegacyFormatWriter.GreyGif(first.Width, first.Height, GreyLevels(first), GreyLevels(second));

        var hash = PdqHasher.Hash(gif).Hash;

        Assert.True(hash.Distance(PdqHasher.Hash(SyntheticImages.Encode(first, SKEncodedImageFormat.Png)).Hash) <= 10);
        Assert.True(hash.Distance(PdqHasher.Hash(SyntheticImages.Encode(second, SKEncodedImageFormat.Png)).Hash) > PdqHasher.MatchThreshold);
    }

    [Fact]
    public void A_jpeg_over_the_pixel_budget_is_decoded_at_reduced_scale_and_still_matches()
    {
        using var scene = SyntheticImages.Scene(seed: 6, width: 1600, height: 1200);
        var jpeg = SyntheticImages.Encode(scene, SKEncodedImageFormat.Jpeg, 90);

        // A small budget stands in for the 16-megapixel one, so the test need not draw a 20-megapixel picture.
        using var plane = LumaDecoder.Decode(jpeg, scaledDecodeThreshold: 500_000);
        var distance = PdqHasher.HashPlane(plane, dihedral: false).Hash.Distance(PdqHasher.Hash(jpeg).Hash);

        output.WriteLine($"1600×1200 JPEG decoded at {plane.Width}×{plane.Height}: {distance} bits from the full-size hash");
        Assert.True(plane.Width < 1600 && plane.Height < 1200);
        Assert.True(distance <= 16, $"reduced-scale decode is {distance} bits away");
    }

    [Fact]
    public void An_image_too_large_to_hash_is_refused_before_its_pixels_are_allocated()
    {
        var error = Assert.Throws<UnsupportedImageException>(() => PdqHasher.Hash(PngHeaderOnly(10_000, 10_000)));

        Assert.Contains("megapixels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(65_500, 65_500)]
    [InlineData(7_500, 7_500)]
    public void An_image_declaring_more_pixels_than_the_limit_is_refused_before_it_is_decoded(int width, int height)
    {
        // 7,500 × 7,500 is under the 64-megapixel decode cap: before the declared-size limit it was decoded in full.
        var error = Assert.Throws<UnsupportedImageException>(() => PdqHasher.Hash(PngHeaderOnly(width, height)));

        Assert.Contains("declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pixel_limit_is_the_callers_to_set()
    {
        using var scene = SyntheticImages.Scene(seed: 7, width: 200, height: 100);
        var png = SyntheticImages.Encode(scene, SKEncodedImageFormat.Png);

        Assert.Throws<UnsupportedImageException>(() => PdqHasher.Hash(png, maxImagePixels: 19_999));
        Assert.True(PdqHasher.Hash(png, maxImagePixels: 20_000).Quality > 0);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1', (byte)'.', (byte)'7' })]
    public void Bytes_that_are_not_an_image_are_refused(byte[] bytes)
    {
        var error = Assert.Throws<UnsupportedImageException>(() => PdqHasher.Hash(bytes));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Random_bytes_are_refused()
    {
        var bytes = new byte[4096];
        new Random(11).NextBytes(bytes);

        Assert.Throws<UnsupportedImageException>(() => PdqHasher.Hash(bytes));
    }

    // Integer arithmetic only, so the plane (and the reference's hash of it) is the same on every machine.
    private static float[] Pattern(int width, int height)
    {
        var luma = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                luma[(y * width) + x] = (((x * 37) ^ (y * 11)) + (x * y * 3 / (width + height)) + ((((x / 9) + (y / 13)) % 5) * 30)) % 256;
            }
        }

        return luma;
    }

    // A valid PNG signature, IHDR and a token IDAT: enough for a codec to report the size, too little to decode.
    private static byte[] PngHeaderOnly(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 0;
        WriteChunk(stream, "IHDR", header);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();

        static void WriteChunk(Stream stream, string type, byte[] data)
        {
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            Span<byte> number = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            stream.Write(number);
            stream.Write(typed);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
            stream.Write(number);
        }

        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }

            return ~crc;
        }
    }

    private static byte[] GreyLevels(SKBitmap bitmap)
    {
        var rgb = SyntheticImages.Rgb(bitmap);
        var grey = new byte[bitmap.Width * bitmap.Height];
        for (var i = 0; i < grey.Length; i++)
        {
            grey[i] = (byte)Math.Round((0.299 * rgb[i * 3]) + (0.587 * rgb[(i * 3) + 1]) + (0.114 * rgb[(i * 3) + 2]));
        }

        return grey;
    }
}
