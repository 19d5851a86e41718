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
    /// <exception cref="MediaDecodeException">ffprobe refused the file, it has no video stream, or its frames (or a
    /// GIF's frame count or total pixels) are over the options' limits.</exception>
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

        CheckGifBounds(fullPath, options);
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

            var framePixels = (long)video.Info.Width * video.Info.Height;
            if (framePixels > options.MaxFramePixels)
            {
                throw new MediaDecodeException(
                    $"The video's frames are {video.Info.Width}×{video.Info.Height} ({Megapixels(framePixels)} megapixels); frames over {Megapixels(options.MaxFramePixels)} megapixels are not decoded.");
            }

            return new VideoFrames(FfmpegPath, fullPath, video, options, deadline);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>A GIF's frames are counted from its block structure, so a bomb is refused before ffmpeg starts.</summary>
    private static void CheckGifBounds(string fullPath, FrameSamplingOptions options)
    {
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        Span<byte> magic = stackalloc byte[3];
        if (file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual("GIF"u8))
        {
            return;
        }

        file.Position = 0;
        var gif = GifStructure.Read(file, stopAfterFrames: options.MaxGifFrames + 1);
        if (gif.Frames > options.MaxGifFrames)
        {
            throw new MediaDecodeException($"The GIF has more than {options.MaxGifFrames:N0} frames; longer GIFs are not decoded.");
        }

        if ((long)gif.Width * gif.Height > options.MaxFramePixels)
        {
            throw new MediaDecodeException(
                $"The GIF's screen is {gif.Width}×{gif.Height}; frames over {Megapixels(options.MaxFramePixels)} megapixels are not decoded.");
        }

        if (gif.DecodedPixels > options.MaxGifPixels)
        {
            throw new MediaDecodeException(
                $"The GIF's {gif.Frames:N0} frames of {gif.Width}×{gif.Height} add up to {Megapixels(gif.DecodedPixels)} megapixels; GIFs over {Megapixels(options.MaxGifPixels)} megapixels in all are not decoded.");
        }
    }

    private static string Megapixels(long pixels) => (pixels / 1_000_000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

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
