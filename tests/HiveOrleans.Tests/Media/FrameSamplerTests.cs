using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Pdq;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Media;

public sealed class FrameSamplerTests(VideoFiles files, ITestOutputHelper output) : IClassFixture<VideoFiles>
{
    private readonly FrameSampler _sampler = new();

    [Fact]
    public async Task A_thirty_second_video_gives_thirty_frames_at_whole_seconds()
    {
        var video = await _sampler.SampleAsync(await files.TestPatternAsync(30));

        Assert.Equal(30, video.FrameCount);
        Assert.Equal(Enumerable.Range(0, 30).Select(second => (double)second), video.Frames.Select(frame => frame.TimeSeconds));
        Assert.Equal(320, video.Info.Width);
        Assert.Equal(240, video.Info.Height);
        Assert.Equal(30, video.Info.DurationSeconds);
        Assert.Equal(25, video.Info.FramesPerSecond);
        Assert.Contains("mp4", video.Info.Container, StringComparison.Ordinal);
        Assert.All(video.Frames, frame => Assert.True(frame.Result.Quality >= PdqHasher.MinimumQuality, $"quality {frame.Result.Quality} at {frame.TimeSeconds}s"));
    }

    [Fact]
    public async Task Two_frames_a_second_over_five_seconds_give_ten_frames_half_a_second_apart()
    {
        var video = await _sampler.SampleAsync(await files.TestPatternAsync(5), new FrameSamplingOptions { FramesPerSecond = 2 });

        Assert.Equal([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5], video.Frames.Select(frame => frame.TimeSeconds));
    }

    [Fact]
    public async Task Sampling_at_the_videos_own_rate_gives_every_frame()
    {
        var video = await _sampler.SampleAsync(await files.TestPatternAsync(1), new FrameSamplingOptions { FramesPerSecond = 25 });

        Assert.Equal(25, video.FrameCount);
    }

    [Fact]
    public async Task Every_frame_of_a_held_picture_hashes_like_the_picture_itself()
    {
        var picture = PdqHasher.Hash(await File.ReadAllBytesAsync(await files.ScenePngAsync(1)));

        var video = await _sampler.SampleAsync(await files.StillPictureVideoAsync());

        Assert.Equal(6, video.FrameCount);
        foreach (var frame in video.Frames)
        {
            var distance = frame.Result.Hash.Distance(picture.Hash);
            output.WriteLine($"{frame.TimeSeconds}s: distance {distance} to the PNG, quality {frame.Result.Quality}");
            Assert.True(distance <= PdqHasher.MatchThreshold, $"frame at {frame.TimeSeconds}s is {distance} bits from the picture");
            Assert.True(frame.Result.Hash.Distance(video.Frames[0].Result.Hash) <= PdqHasher.MatchThreshold);
        }
    }

    [Fact]
    public async Task A_moving_test_pattern_hashes_differently_as_it_moves()
    {
        var video = await _sampler.SampleAsync(await files.TestPatternAsync(30));

        var first = video.Frames[0].Result.Hash;
        var distances = video.Frames.Select(frame => frame.Result.Hash.Distance(first)).ToArray();
        output.WriteLine(string.Join(' ', distances));
        Assert.Equal(0, distances[0]);
        Assert.True(distances.Count(distance => distance > PdqHasher.MatchThreshold) >= 20, "most frames should differ from the first");
        Assert.True(video.Frames.Select(frame => frame.Result.Hash).Distinct().Count() >= 25, "consecutive frames should differ");
    }

    [Fact]
    public async Task Each_frame_shows_the_scene_on_screen_at_its_time()
    {
        var scenes = new List<PdqHash>();
        for (var seed = 1; seed <= 3; seed++)
        {
            scenes.Add(PdqHasher.Hash(await File.ReadAllBytesAsync(await files.ScenePngAsync(seed))).Hash);
        }

        var video = await _sampler.SampleAsync(await files.ScenesAsync("mp4", 2, 2, 2));

        AssertScenes(scenes, video, expected: [0, 0, 1, 1, 2, 2]);
    }

    [Fact]
    public async Task A_video_that_ends_between_ticks_is_sampled_at_its_last_tick()
    {
        // Still on screen at 2 s, so 2 s gets a frame: ⌈2.4 × 1⌉ = 3. The fps filter's default rounding gives 2.
        var path = await files.CustomAsync(
            "testsrc-2.4s.mp4", ["-f", "lavfi", "-i", "testsrc=duration=2.4:size=320x240:rate=25", .. await files.VideoCodecAsync()]);

        var video = await _sampler.SampleAsync(path);

        Assert.Equal([0.0, 1, 2], video.Frames.Select(frame => frame.TimeSeconds));
    }

    [Fact]
    public async Task A_video_that_starts_after_its_audio_keeps_the_files_timeline()
    {
        var scenes = new List<PdqHash>();
        for (var seed = 1; seed <= 3; seed++)
        {
            scenes.Add(PdqHasher.Hash(await File.ReadAllBytesAsync(await files.ScenePngAsync(seed))).Hash);
        }

        // The pictures start at 1 s, 3 s and 5 s of the file; before 1 s there is only sound.
        var late = await files.CustomAsync(
            "late-scenes.mp4",
            ["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-itsoffset", "1", "-i", await files.ScenesAsync("mp4", 2, 2, 2),
                "-map", "0:a", "-map", "1:v", "-c:v", "copy", "-c:a", "aac", "-t", "7"]);

        var video = await _sampler.SampleAsync(late);

        // The first picture stands in for the silent second, so frame i is still at i seconds.
        AssertScenes(scenes, video, expected: [0, 0, 0, 1, 1, 2, 2]);
    }

    [Fact]
    public async Task Frames_are_hashed_at_the_displayed_shape_and_at_most_512_pixels_a_side()
    {
        var path = await files.CustomAsync(
            "wide.mp4", ["-f", "lavfi", "-i", "testsrc=duration=1:size=1280x720:rate=10", .. await files.VideoCodecAsync()]);

        await using var video = await _sampler.OpenAsync(path);
        var frames = await video.ReadAsync().ToListAsync();

        Assert.Equal((1280, 720), (video.Info.Width, video.Info.Height));
        Assert.Equal((512, 288), (video.FrameWidth, video.FrameHeight));
        Assert.Single(frames);
    }

    [Fact]
    public async Task A_phone_video_flagged_as_rotated_is_sampled_upright()
    {
        var source = await files.TestPatternAsync(5);
        var path = await files.CustomAsync("rotated.mp4", ["-i", source, "-c", "copy", "-metadata:s:v:0", "rotate=90"]);

        await using var video = await _sampler.OpenAsync(path);
        var frames = await video.ReadAsync().ToListAsync();

        Assert.Equal((240, 320), (video.Info.Width, video.Info.Height));
        Assert.Equal((240, 320), (video.FrameWidth, video.FrameHeight));
        Assert.Equal(5, frames.Count);
    }

    [Fact]
    public async Task The_frame_cap_stops_the_sampling_early()
    {
        var video = await _sampler.SampleAsync(await files.TestPatternAsync(30), new FrameSamplingOptions { MaxFrames = 4 });

        Assert.Equal([0.0, 1, 2, 3], video.Frames.Select(frame => frame.TimeSeconds));
    }

    [Fact]
    public async Task A_corrupt_file_is_refused_with_ffprobes_reason()
    {
        var path = await files.WrittenAsync("corrupt.mp4", path =>
        {
            var bytes = new byte[100_000];
            new Random(3).NextBytes(bytes);
            return File.WriteAllBytesAsync(path, bytes);
        });

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        output.WriteLine(error.Message);
        Assert.StartsWith("ffprobe could not read the file: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found when processing input", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(files.Directory, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.ToolOutput);
    }

    [Fact]
    public async Task A_truncated_mp4_is_refused_and_ffmpegs_detail_is_kept()
    {
        var whole = await files.TestPatternAsync(5);
        var path = await files.WrittenAsync("truncated.mp4", async path =>
        {
            var bytes = await File.ReadAllBytesAsync(whole);
            await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        });

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        output.WriteLine(string.Join('\n', error.ToolOutput));
        Assert.Contains(error.ToolOutput, line => line == "moov atom not found");
    }

    [Fact]
    public async Task Audio_in_a_video_container_has_no_video_to_sample()
    {
        var path = await files.CustomAsync("tone.m4a", ["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac"]);

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        Assert.Equal("The file has no video stream.", error.Message);
    }

    [Fact]
    public async Task Cover_art_is_not_mistaken_for_video()
    {
        var cover = await files.ScenePngAsync(2);
        var path = await files.CustomAsync(
            "with-cover.m4a",
            ["-f", "lavfi", "-i", "sine=duration=1", "-i", cover, "-map", "0", "-map", "1", "-c:a", "aac", "-c:v", "png", "-disposition:v:0", "attached_pic"]);

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        Assert.Equal("The file has no video stream.", error.Message);
    }

    [Theory]
    [InlineData("tone.wav", "sine=duration=1")]
    [InlineData("picture.png", "testsrc=duration=1:size=64x48")]
    public async Task Formats_outside_the_video_whitelist_are_refused_without_being_opened(string name, string source)
    {
        var path = await files.CustomAsync(name, ["-f", "lavfi", "-i", source, "-frames:v", "1"]);

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        Assert.Contains("not a video container we decode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hls_playlist_posing_as_a_video_is_not_followed()
    {
        // Without the demuxer whitelist ffmpeg opens this as HLS and decodes the other file on the server.
        var elsewhere = await files.TestPatternAsync(1);
        var path = await files.WrittenAsync(
            "playlist.mp4",
            path => File.WriteAllTextAsync(path, $"#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\n{elsewhere}\n#EXT-X-ENDLIST\n"));

        var error = await Assert.ThrowsAsync<MediaDecodeException>(() => _sampler.SampleAsync(path));

        Assert.Contains("not a video container we decode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_missing()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => _sampler.SampleAsync(Path.Combine(files.Directory, "absent.mp4")));
    }

    [Fact]
    public async Task A_missing_ffprobe_is_reported_with_the_package_to_install()
    {
        var path = await files.TestPatternAsync(1);
        var sampler = new FrameSampler(ffprobePath: "hiveorleans-no-such-ffprobe");

        var error = await Assert.ThrowsAsync<MediaToolNotFoundException>(() => sampler.SampleAsync(path));

        Assert.Equal("ffprobe was not found on PATH; install the Debian package ffmpeg", error.Message);
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_reported_with_the_package_to_install()
    {
        var path = await files.TestPatternAsync(1);
        var sampler = new FrameSampler(ffmpegPath: "hiveorleans-no-such-ffmpeg");

        var error = await Assert.ThrowsAsync<MediaToolNotFoundException>(() => sampler.SampleAsync(path));

        Assert.Equal("ffmpeg was not found on PATH; install the Debian package ffmpeg", error.Message);
    }

    [Fact]
    public async Task A_misconfigured_ffmpeg_path_is_named_in_the_error()
    {
        var path = await files.TestPatternAsync(1);
        var sampler = new FrameSampler(ffmpegPath: "/opt/hiveorleans-nowhere/ffmpeg");

        var error = await Assert.ThrowsAsync<MediaToolNotFoundException>(() => sampler.SampleAsync(path));

        Assert.StartsWith("ffmpeg was not found at /opt/hiveorleans-nowhere/ffmpeg;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_videos_frames_can_be_read_once()
    {
        await using var video = await _sampler.OpenAsync(await files.TestPatternAsync(1));
        await video.ReadAsync().ToListAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await video.ReadAsync().ToListAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(30.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Sampling_rates_outside_zero_to_thirty_are_refused(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameSamplingOptions { FramesPerSecond = rate });
    }

    [Fact]
    public void Rates_up_to_thirty_caps_of_one_frame_and_short_timeouts_are_allowed()
    {
        var options = new FrameSamplingOptions { FramesPerSecond = 30, MaxFrames = 1, Timeout = TimeSpan.FromMilliseconds(1) };

        Assert.Equal(30, options.FramesPerSecond);
        Assert.Equal(1.0, FrameSamplingOptions.Default.FramesPerSecond);
    }

    [Fact]
    public void A_cap_below_one_frame_and_a_non_positive_timeout_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameSamplingOptions { MaxFrames = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameSamplingOptions { Timeout = TimeSpan.Zero });
    }

    internal static void AssertScenes(List<PdqHash> scenes, VideoHashes video, int[] expected)
    {
        Assert.Equal(expected.Length, video.FrameCount);
        for (var i = 0; i < expected.Length; i++)
        {
            var hash = video.Frames[i].Result.Hash;
            var distances = scenes.Select(scene => scene.Distance(hash)).ToArray();
            Assert.True(
                distances[expected[i]] <= PdqHasher.MatchThreshold && distances.Where((_, s) => s != expected[i]).All(d => d > PdqHasher.MatchThreshold),
                $"frame {i} at {video.Frames[i].TimeSeconds}s should be scene {expected[i]}; distances to the scenes: {string.Join(", ", distances)}");
        }
    }
}
