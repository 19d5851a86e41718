using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Storage.Media;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// MP4, QuickTime and 3GP files holding sound alone, as phones and ffmpeg write them: their brand says video, and
/// the track list that says otherwise often comes last. Intake finds out while storing and says "audio" (issue 17).
/// </summary>
public sealed class SoundOnlyMovieTests(VideoFiles files) : IClassFixture<VideoFiles>, IDisposable
{
    private static readonly string[] Sound = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac"];

    // Inputs first, then the output's options: ffmpeg reads an option as belonging to the file after it.
    private static readonly string[] Talking = ["-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10", .. Sound, "-pix_fmt", "yuv420p"];

    private readonly string _storeDirectory = Directory.CreateTempSubdirectory("hiveorleans-intake-").FullName;

    public static TheoryData<string, string[], string, string> SoundOnly => new()
    {
        { "sound.mp4", [.. Sound], "MP4 audio", "audio/mp4" },
        { "sound-faststart.mp4", [.. Sound, "-movflags", "+faststart"], "MP4 audio", "audio/mp4" },
        { "sound.mov", [.. Sound], "MP4 audio", "audio/mp4" },
        { "sound.3gp", [.. Sound], "3GP audio", "audio/3gpp" },
    };

    [Theory]
    [MemberData(nameof(SoundOnly))]
    public async Task A_picture_project_refuses_a_sound_only_movie_naming_it_and_stores_nothing(string name, string[] arguments, string formatName, string mimeType)
    {
        var bytes = await File.ReadAllBytesAsync(await files.CustomAsync(name, arguments));
        Assert.Equal(MediaKind.Video, MediaSniffer.Sniff(bytes).Kind);
        var store = Store();

        var refused = await Assert.ThrowsAsync<UnsupportedMediaException>(() => StoreAsync(store, bytes, ModelTypes.Visual));

        Assert.Equal($"The media is {formatName} ({mimeType}); a visual project takes {MediaIntake.Accepted(ModelTypes.Visual)}.", refused.Message);
        Assert.Empty(Directory.EnumerateFiles(_storeDirectory, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [MemberData(nameof(SoundOnly))]
    public async Task A_speech_project_takes_a_sound_only_movie_as_audio(string name, string[] arguments, string formatName, string mimeType)
    {
        _ = formatName;
        var bytes = await File.ReadAllBytesAsync(await files.CustomAsync(name, arguments));

        var media = await StoreAsync(Store(), bytes, ModelTypes.Speech);

        Assert.Equal("audio", media.Type);
        Assert.Equal(mimeType, media.MimeType);
    }

    [Fact]
    public async Task A_movie_with_a_picture_and_sound_stays_a_video()
    {
        var bytes = await File.ReadAllBytesAsync(await files.CustomAsync("talking.mp4", Talking));

        var media = await StoreAsync(Store(), bytes, ModelTypes.Visual);

        Assert.Equal("video", media.Type);
        Assert.Equal("video/mp4", media.MimeType);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task The_track_list_is_found_however_the_bytes_are_split(int piece)
    {
        var sound = await File.ReadAllBytesAsync(await files.CustomAsync("split-sound.mp4", Sound));
        var talking = await File.ReadAllBytesAsync(await files.CustomAsync("split-talking.mp4", [.. Talking, "-movflags", "+faststart"]));

        Assert.Equal(["soun"], Scan(sound, piece).Handlers);
        Assert.Equal(["vide", "soun"], Scan(talking, piece).Handlers);
        Assert.True(Scan(sound, piece).AudioOnly);
        Assert.False(Scan(talking, piece).AudioOnly);
    }

    [Fact]
    public async Task A_file_cut_short_before_its_track_list_stays_unknown()
    {
        var sound = await File.ReadAllBytesAsync(await files.CustomAsync("cut-sound.mp4", Sound));

        var scanner = Scan(sound[..^16], 4096);

        Assert.Null(scanner.Handlers);
        Assert.False(scanner.AudioOnly);
    }

    public void Dispose() => Directory.Delete(_storeDirectory, recursive: true);

    private static IsoMovieScanner Scan(byte[] bytes, int piece)
    {
        var scanner = new IsoMovieScanner();
        for (var at = 0; at < bytes.Length; at += piece)
        {
            scanner.Feed(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
        }

        return scanner;
    }

    private LocalDirectoryMediaStore Store() => new(_storeDirectory, TimeSpan.FromDays(1), TimeProvider.System);

    private static async Task<Abstractions.Tasks.TaskMedia> StoreAsync(IMediaStore store, byte[] bytes, string modelType)
    {
        await using var content = new MemoryStream(bytes);
        return await MediaIntake.StoreAsync(store, content, modelType, maxBytes: 1 << 24, "upload", CancellationToken.None);
    }
}
