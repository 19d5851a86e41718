using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage.Media;

namespace HiveOrleans.Tests.Media;

/// <summary>Files written by ffmpeg's own muxers, so the signatures are the ones uploads really carry.</summary>
public sealed class SniffRealFilesTests(VideoFiles files) : IClassFixture<VideoFiles>
{
    private static readonly string[] VideoSource = ["-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10"];
    private static readonly string[] AudioSource = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"];

    public static TheoryData<string, string[], MediaKind, string> Files => new()
    {
        { "clip.mp4", [.. VideoSource, "-pix_fmt", "yuv420p"], MediaKind.Video, "MP4" },
        { "clip.mov", [.. VideoSource, "-pix_fmt", "yuv420p"], MediaKind.Video, "QuickTime" },
        { "clip.3gp", [.. VideoSource, "-c:v", "mpeg4"], MediaKind.Video, "3GP" },
        { "clip.mkv", [.. VideoSource, "-pix_fmt", "yuv420p"], MediaKind.Video, "Matroska" },
        { "clip.webm", [.. VideoSource, "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8"], MediaKind.Video, "WebM" },
        { "clip.avi", [.. VideoSource, "-c:v", "mpeg4"], MediaKind.Video, "AVI" },
        { "clip.ts", [.. VideoSource], MediaKind.Video, "MPEG-TS" },
        { "clip.mpg", [.. VideoSource, "-r", "25"], MediaKind.Video, "MPEG-PS" },
        { "clip.flv", [.. VideoSource], MediaKind.Video, "FLV" },
        { "clip.wmv", [.. VideoSource], MediaKind.Video, "ASF" },
        { "clip.ogv", [.. VideoSource, "-c:v", "libtheora"], MediaKind.Video, "Ogg Theora" },
        { "clip.gif", [.. VideoSource], MediaKind.Gif, "GIF" },
        { "picture.jpg", [.. VideoSource, "-frames:v", "1"], MediaKind.Image, "JPEG" },
        { "picture.png", [.. VideoSource, "-frames:v", "1"], MediaKind.Image, "PNG" },
        { "picture.webp", [.. VideoSource, "-frames:v", "1"], MediaKind.Image, "WebP" },
        { "picture.bmp", [.. VideoSource, "-frames:v", "1"], MediaKind.Image, "BMP" },
        { "picture.tiff", [.. VideoSource, "-frames:v", "1"], MediaKind.Image, "TIFF" },
        { "tone.mp3", [.. AudioSource, "-c:a", "libmp3lame"], MediaKind.Audio, "MP3" },
        { "tone-no-tag.mp3", [.. AudioSource, "-c:a", "libmp3lame", "-write_xing", "0", "-id3v2_version", "0"], MediaKind.Audio, "MP3" },
        { "tone.m4a", [.. AudioSource, "-c:a", "aac"], MediaKind.Audio, "M4A" },
        { "tone.aac", [.. AudioSource, "-c:a", "aac"], MediaKind.Audio, "AAC" },
        { "tone.wav", [.. AudioSource], MediaKind.Audio, "WAV" },
        { "tone.flac", [.. AudioSource], MediaKind.Audio, "FLAC" },
        { "tone.ogg", [.. AudioSource, "-c:a", "libvorbis"], MediaKind.Audio, "Ogg Vorbis" },
        { "tone.opus", [.. AudioSource, "-c:a", "libopus"], MediaKind.Audio, "Ogg Opus" },
        { "tone.aiff", [.. AudioSource], MediaKind.Audio, "AIFF" },
        { "voice.webm", [.. AudioSource, "-c:a", "libopus"], MediaKind.Audio, "WebM audio" },
        { "voice.mka", [.. AudioSource, "-c:a", "libopus"], MediaKind.Audio, "Matroska audio" },
        // Vorbis carries kilobytes of codec set-up in its track, past the sniffed header: it stays a video container (a speech project still takes it).
        { "vorbis.mka", [.. AudioSource, "-c:a", "libvorbis"], MediaKind.Video, "Matroska" },
        { "talking.webm", [.. VideoSource, .. AudioSource, "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"], MediaKind.Video, "WebM" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Files_from_ffmpegs_muxers_are_named_by_their_signature(string name, string[] arguments, MediaKind kind, string formatName)
    {
        var path = await files.CustomAsync(name, arguments);

        var format = MediaSniffer.Sniff(await HeaderAsync(path));

        Assert.Equal(kind, format.Kind);
        Assert.Equal(formatName, format.Name);
    }

    [Theory]
    [InlineData("clip.mp4")]
    [InlineData("clip.mov")]
    [InlineData("clip.3gp")]
    [InlineData("clip.mkv")]
    [InlineData("clip.webm")]
    [InlineData("clip.avi")]
    [InlineData("clip.ts")]
    [InlineData("clip.mpg")]
    [InlineData("clip.flv")]
    [InlineData("clip.wmv")]
    [InlineData("clip.ogv")]
    [InlineData("clip.gif")]
    public async Task Every_container_the_sniffer_calls_video_is_one_the_sampler_decodes(string name)
    {
        var path = await files.CustomAsync(name, Arguments(name));

        var video = await new FrameSampler().SampleAsync(path);

        Assert.Equal(160, video.Info.Width);
        Assert.Equal(120, video.Info.Height);
        Assert.Equal(1, video.FrameCount);
        Assert.True(video.Frames[0].Result.Quality >= 50, $"{name}: quality {video.Frames[0].Result.Quality}");
    }

    [Theory]
    [InlineData("tone.mp3")]
    [InlineData("tone-no-tag.mp3")]
    [InlineData("tone.m4a")]
    [InlineData("tone.aac")]
    [InlineData("tone.wav")]
    [InlineData("tone.flac")]
    [InlineData("tone.ogg")]
    [InlineData("tone.opus")]
    [InlineData("tone.aiff")]
    [InlineData("voice.webm")]
    [InlineData("voice.mka")]
    [InlineData("vorbis.mka")]
    [InlineData("talking.webm")]
    public async Task Every_file_the_sniffer_calls_audio_is_one_the_speech_decoder_decodes(string name)
    {
        var path = await files.CustomAsync(name, Arguments(name));

        var segments = new List<AudioSegment>();
        await foreach (var segment in new AudioDecoder().ReadAsync(path, 20, 3600, TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            segments.Add(segment);
        }

        var only = Assert.Single(segments);
        Assert.InRange(only.DurationSeconds, 0.9, 1.1);
        Assert.Contains(only.Samples, sample => Math.Abs((int)sample) > 1000);
    }

    [Theory]
    [InlineData("picture.jpg")]
    [InlineData("picture.png")]
    [InlineData("picture.webp")]
    [InlineData("picture.bmp")]
    public async Task A_still_images_size_is_read_from_its_header(string name)
    {
        var path = await files.CustomAsync(name, Arguments(name));

        var dimensions = ImageProbe.Read(path);

        Assert.Equal(new ImageDimensions(160, 120, 1), dimensions);
    }

    [Fact]
    public async Task An_animated_gifs_size_and_frame_count_are_read_from_a_stream()
    {
        var path = await files.CustomAsync("clip.gif", Arguments("clip.gif"));
        await using var stream = File.OpenRead(path);

        var dimensions = ImageProbe.Read(stream);

        Assert.Equal(new ImageDimensions(160, 120, 10), dimensions);
        Assert.True(stream.CanRead, "The caller's stream is left open.");
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_by_the_image_probe()
    {
        var path = await files.CustomAsync("tone.wav", Arguments("tone.wav"));

        Assert.Throws<UnsupportedImageException>(() => ImageProbe.Read(path));
    }

    private static string[] Arguments(string name) => Files.Single(row => (string)row[0] == name)[1] as string[]
        ?? throw new InvalidOperationException(name);

    private static async Task<byte[]> HeaderAsync(string path)
    {
        await using var file = File.OpenRead(path);
        var header = new byte[MediaSniffer.HeaderLength];
        var read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false);
        return header[..read];
    }
}
