namespace HiveOrleans.Moderation.Media;

/// <summary>
/// Samples video and animated GIF frames at a fixed rate with ffmpeg and hashes each with PDQ. Every call runs
/// its own ffprobe and ffmpeg child processes; callers bound how many run at once.
/// </summary>
public sealed class FrameSampler
{
    /// <param name="ffmpegPath">The ffmpeg executable: a name looked up on PATH, or a path.</param>
    /// <param name="ffprobePath">The ffprobe executable (the same Debian package ships both).</param>
    public FrameSampler(string ffmpegPath = "ffmpeg", string ffprobePath = "ffprobe")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ffmpegPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(ffprobePath);
        FfmpegPath = ffmpegPath;
        FfprobePath = ffprobePath;
    }

    public string FfmpegPath { get; }

    public string FfprobePath { get; }

    /// <summary>
    /// Probes a local file and returns its video, ready to read frames from. The options' timeout starts now and
    /// covers the reading too.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="MediaDecodeException">ffprobe refused the file, or it has no video stream.</exception>
    /// <exception cref="MediaToolNotFoundException">ffprobe could not be started.</exception>
    /// <exception cref="TimeoutException">ffprobe ran past the timeout.</exception>
    public async Task<VideoFrames> OpenAsync(string path, FrameSamplingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= FrameSamplingOptions.Default;
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException("The media file does not exist.", fullPath);
        }

        var deadline = new CancellationTokenSource(options.Timeout);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            ProbedVideo video;
            try
            {
                video = await VideoProbe.RunAsync(FfprobePath, fullPath, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && stop.IsCancellationRequested)
            {
                throw VideoFrames.Interrupted(cancellationToken, options.Timeout, "ffprobe");
            }

            return new VideoFrames(FfmpegPath, fullPath, video, options, deadline);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>Probes the file and hashes its frames (see <see cref="VideoFrames.ReadAsync"/>), collecting them.</summary>
    public async Task<VideoHashes> SampleAsync(string path, FrameSamplingOptions? options = null, CancellationToken cancellationToken = default)
    {
        var video = await OpenAsync(path, options, cancellationToken).ConfigureAwait(false);
        await using (video.ConfigureAwait(false))
        {
            var frames = new List<FrameHash>();
            await foreach (var frame in video.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frames.Add(frame);
            }

            return new VideoHashes(video.Info, frames);
        }
    }
}
