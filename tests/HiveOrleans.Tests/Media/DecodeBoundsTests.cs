using System.Diagnostics;
using HiveOrleans.Moderation.Media;

namespace HiveOrleans.Tests.Media;

/// <summary>GIF bombs and oversized frames are refused from their declared structure, before ffmpeg decodes anything.</summary>
public sealed class DecodeBoundsTests(VideoFiles files) : IClassFixture<VideoFiles>
{
    private readonly FrameSampler _sampler = new();

    [Fact]
    public async Task The_gif_structure_counts_the_frames_ffmpeg_made()
    {
        await using var file = File.OpenRead(await files.TestPatternGifAsync(seconds: 3, rate: 10));

        var gif = GifStructure.Read(file);

        Assert.Equal(new GifStructure(160, 120, 30), gif);
    }

    [Fact]
    public void A_truncated_gif_counts_the_frames_it_has()
    {
        var bomb = GifBomb(width: 100, height: 100, frames: 5);

        var gif = GifStructure.Read(new MemoryStream(bomb[..^10]));

        Assert.Equal(4, gif.Frames);
    }

    [Fact]
    public void Bytes_that_are_not_gif_blocks_are_refused()
    {
        var bomb = GifBomb(width: 10, height: 10, frames: 2);
        bomb[^1] = 0x99;

        Assert.Throws<MediaDecodeException>(() => GifStructure.Read(new MemoryStream(bomb)));
        Assert.Throws<MediaDecodeException>(() => GifStructure.Read(new MemoryStream("PNG not a gif"u8.ToArray())));
    }

    [Fact]
    public async Task A_gif_with_more_frames_than_the_limit_is_refused()
    {
        var path = await files.TestPatternGifAsync(seconds: 3, rate: 10);

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path, new FrameSamplingOptions { MaxGifFrames = 29 }));

        Assert.Contains("more than 29 frames", error.Message, StringComparison.Ordinal);
        Assert.Equal(30, (await _sampler.SampleAsync(path, new FrameSamplingOptions { MaxGifFrames = 30, FramesPerSecond = 10 })).FrameCount);
    }

    [Fact]
    public async Task A_gif_of_a_few_kilobytes_describing_gigapixels_is_refused_before_decoding()
    {
        // 4,000 one-pixel images on a 4,000 × 4,000 screen: 6.4e10 pixels for ffmpeg to compose, in 92 KB (ffmpeg
        // alone was still decoding it after 20 s of two cores).
        var bomb = GifBomb(width: 4000, height: 4000, frames: 4000);
        var path = await files.WrittenAsync("bomb.gif", p => File.WriteAllBytesAsync(p, bomb));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        Assert.Contains("64000 megapixels", error.Message, StringComparison.Ordinal);
        Assert.True(bomb.Length < 100_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"refused after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_gif_whose_screen_is_over_the_frame_limit_is_refused()
    {
        var path = await files.WrittenAsync("wide.gif", p => File.WriteAllBytesAsync(p, GifBomb(width: 16000, height: 16000, frames: 1)));

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        Assert.Contains("16000×16000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_whose_frames_are_over_the_frame_limit_is_refused()
    {
        var path = await files.TestPatternAsync(1);

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path, new FrameSamplingOptions { MaxFramePixels = 320 * 240 - 1 }));

        Assert.Contains("320×240", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await _sampler.SampleAsync(path, new FrameSamplingOptions { MaxFramePixels = 320 * 240 })).FrameCount);
    }

    /// <summary>A GIF89a of <paramref name="frames"/> one-pixel images on a large screen, each a valid 2-bit LZW stream.</summary>
    internal static byte[] GifBomb(int width, int height, int frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0]);
        gif.Write([0, 0, 0, 255, 255, 255]); // a two-colour global table
        for (var i = 0; i < frames; i++)
        {
            gif.Write([0x21, 0xF9, 4, 0, 1, 0, 0, 0]); // graphic control: 1/100 s per frame
            gif.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // a 1×1 image at the origin
            gif.Write([2, 2, 0x44, 0x01, 0]); // clear, index 0, end; then the empty sub-block
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }
}
