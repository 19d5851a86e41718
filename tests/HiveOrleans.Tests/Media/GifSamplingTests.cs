using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Tests.Media;

public sealed class GifSamplingTests(VideoFiles files) : IClassFixture<VideoFiles>
{
    private readonly FrameSampler _sampler = new();

    [Fact]
    public async Task A_three_second_gif_gives_a_frame_for_each_second()
    {
        var video = await _sampler.SampleAsync(await files.TestPatternGifAsync(seconds: 3, rate: 10));

        Assert.Equal([0.0, 1, 2], video.Frames.Select(frame => frame.TimeSeconds));
        Assert.Equal(new VideoInfo("gif", "gif", 160, 120, 3, 10), video.Info);
    }

    [Fact]
    public async Task Sampling_a_gif_at_its_own_rate_gives_each_of_its_frames()
    {
        var video = await _sampler.SampleAsync(
            await files.TestPatternGifAsync(seconds: 3, rate: 10), new FrameSamplingOptions { FramesPerSecond = 10 });

        Assert.Equal(30, video.FrameCount);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i / 10.0), video.Frames.Select(frame => frame.TimeSeconds));
        Assert.True(video.Frames.Select(frame => frame.Result.Hash).Distinct().Count() >= 25, "the pattern moves every frame");
    }

    [Fact]
    public async Task A_gifs_frame_delays_decide_which_picture_each_second_shows()
    {
        var scenes = new List<PdqHash>();
        for (var seed = 1; seed <= 3; seed++)
        {
            scenes.Add(PdqHasher.Hash(await File.ReadAllBytesAsync(await files.ScenePngAsync(seed))).Hash);
        }

        // One second of the first picture, two of the second, one of the third.
        var video = await _sampler.SampleAsync(await files.ScenesAsync("gif", 1, 2, 1));

        FrameSamplerTests.AssertScenes(scenes, video, expected: [0, 1, 1, 2]);
    }

    [Fact]
    public async Task A_gifs_first_sampled_frame_hashes_like_the_gif_as_a_still_image()
    {
        var path = await files.TestPatternGifAsync(seconds: 3, rate: 10);
        var still = PdqHasher.Hash(await File.ReadAllBytesAsync(path));

        var video = await _sampler.SampleAsync(path);

        Assert.True(video.Frames[0].Result.Hash.Distance(still.Hash) <= PdqHasher.MatchThreshold);
    }
}
