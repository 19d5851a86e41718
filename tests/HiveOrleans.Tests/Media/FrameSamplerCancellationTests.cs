using System.Diagnostics;
using System.Runtime.Versioning;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// Every way of giving up on a video must leave no ffmpeg behind. Processes are found through /proc by a marker
/// unique to the test (a copied input's path, or a stand-in tool's path), so parallel tests do not interfere.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FrameSamplerCancellationTests(VideoFiles files) : IClassFixture<VideoFiles>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How soon control must come back. Not a speed check: without the kill, ffmpeg (or the 59 s sleeper) would hold
    /// on for a minute or for ever; the margin is for timers on a thread pool the rest of the suite keeps busy.
    /// </summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Cancelling_after_the_first_frame_stops_ffmpeg_at_once()
    {
        var path = await UniqueCopyAsync(await files.TestPatternAsync(30));
        using var cancel = new CancellationTokenSource();
        await using var video = await new FrameSampler().OpenAsync(path);
        await using var frames = video.ReadAsync(cancel.Token).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());

        // A 320×240 grey frame is larger than a pipe's buffer, so ffmpeg is parked writing the next one.
        Assert.NotEmpty(ProcessesMentioning(path));
        await cancel.CancelAsync();
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await frames.MoveNextAsync());

        Assert.True(stopwatch.Elapsed < Promptly, $"took {stopwatch.Elapsed}");
        await AssertGoneAsync(path);
    }

    [Fact]
    public async Task A_caller_cancelling_while_ffmpeg_is_silent_gets_control_back_and_the_tool_tree_is_killed()
    {
        var (tool, sleeper) = await SilentToolAsync();
        await using var video = await new FrameSampler(ffmpegPath: tool).OpenAsync(await files.TestPatternAsync(1));
        using var cancel = new CancellationTokenSource();

        var reading = video.ReadAsync(cancel.Token).ToListAsync().AsTask();
        await Eventually.UntilAsync(() => Task.FromResult(ProcessesMentioning(sleeper)), pids => pids.Count > 0, Deadline, $"a process mentioning {sleeper} to start");
        var stopwatch = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        Assert.True(stopwatch.Elapsed < Promptly, $"took {stopwatch.Elapsed}");
        await AssertGoneAsync(tool);
        await AssertGoneAsync(sleeper);
    }

    [Fact]
    public async Task A_decode_past_the_timeout_is_killed_and_reported_as_a_timeout()
    {
        var (tool, sleeper) = await SilentToolAsync();
        var options = new FrameSamplingOptions { Timeout = TimeSpan.FromMilliseconds(700) };
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            async () => await new FrameSampler(ffmpegPath: tool).SampleAsync(await files.TestPatternAsync(1), options));

        Assert.Contains("ffmpeg was stopped", error.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < Promptly, $"took {stopwatch.Elapsed}");
        await AssertGoneAsync(tool);
        await AssertGoneAsync(sleeper);
    }

    [Fact]
    public async Task A_probe_past_the_timeout_is_killed_and_reported_as_a_timeout()
    {
        var (tool, sleeper) = await SilentToolAsync();
        var options = new FrameSamplingOptions { Timeout = TimeSpan.FromMilliseconds(500) };

        var error = await Assert.ThrowsAsync<TimeoutException>(
            async () => await new FrameSampler(ffprobePath: tool).OpenAsync(await files.TestPatternAsync(1), options));

        Assert.Contains("ffprobe was stopped", error.Message, StringComparison.Ordinal);
        await AssertGoneAsync(tool);
        await AssertGoneAsync(sleeper);
    }

    [Fact]
    public async Task Disposing_the_video_mid_read_kills_ffmpeg()
    {
        var path = await UniqueCopyAsync(await files.TestPatternAsync(30));
        var video = await new FrameSampler().OpenAsync(path);
        var frames = video.ReadAsync().GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        Assert.NotEmpty(ProcessesMentioning(path));

        await video.DisposeAsync();

        await AssertGoneAsync(path);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await frames.MoveNextAsync());
        await frames.DisposeAsync();
    }

    [Fact]
    public async Task Leaving_the_loop_early_kills_ffmpeg()
    {
        var path = await UniqueCopyAsync(await files.TestPatternAsync(30));
        await using var video = await new FrameSampler().OpenAsync(path);

        await foreach (var frame in video.ReadAsync())
        {
            Assert.NotEmpty(ProcessesMentioning(path));
            break;
        }

        await AssertGoneAsync(path);
    }

    private async Task<string> UniqueCopyAsync(string source) =>
        await files.WrittenAsync($"copy-{Guid.NewGuid():N}.mp4", path =>
        {
            File.Copy(source, path);
            return Task.CompletedTask;
        });

    // A stand-in for ffmpeg or ffprobe that says nothing and never exits, through a child of its own, so that
    // killing only the direct child would leave the sleeper behind.
    private async Task<(string Tool, string Sleeper)> SilentToolAsync()
    {
        var sleeper = $"sleep 59.{Random.Shared.Next(100_000, 999_999)}";
        var tool = await files.WrittenAsync($"silent-{Guid.NewGuid():N}.sh", async path =>
        {
            await File.WriteAllTextAsync(path, $"#!/bin/sh\n{sleeper}\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        });
        return (tool, sleeper);
    }

    private static List<int> ProcessesMentioning(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                // Arguments are NUL-separated; a zombie's command line is empty.
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It exited while we looked.
            }
        }

        return found;
    }

    private static async Task AssertGoneAsync(string marker)
    {
        await Eventually.UntilAsync(() => Task.FromResult(ProcessesMentioning(marker)), pids => pids.Count == 0, Deadline, $"every process mentioning {marker} to exit");
    }
}
