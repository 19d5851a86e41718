using System.Buffers;
using System.Runtime.CompilerServices;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Moderation.Media;

/// <summary>
/// A probed video whose frames can be read once, as PDQ hashes, while ffmpeg decodes them. Memory stays at one
/// frame however long the video. Disposing it (or abandoning the enumeration) kills ffmpeg.
/// </summary>
public sealed class VideoFrames : IAsyncDisposable
{
    private const int Unread = 0;
    private const int Reading = 1;
    private const int Disposed = 2;

    private readonly string _ffmpegPath;
    private readonly string _fullPath;
    private readonly ProbedVideo _video;
    private readonly FrameSamplingOptions _options;
    private readonly CancellationTokenSource _deadline;
    private ToolProcess? _decoder;
    private int _state;

    internal VideoFrames(string ffmpegPath, string fullPath, ProbedVideo video, FrameSamplingOptions options, CancellationTokenSource deadline)
    {
        _ffmpegPath = ffmpegPath;
        _fullPath = fullPath;
        _video = video;
        _options = options;
        _deadline = deadline;
    }

    public VideoInfo Info => _video.Info;

    /// <summary>The width of the grey frames handed to PDQ: the displayed shape, at most 512 pixels on a side.</summary>
    public int FrameWidth => _video.FrameWidth;

    /// <summary>The height of the grey frames handed to PDQ.</summary>
    public int FrameHeight => _video.FrameHeight;

    /// <summary>
    /// Decodes and hashes frame i at i / <see cref="FrameSamplingOptions.FramesPerSecond"/> seconds, in order, up to
    /// <see cref="FrameSamplingOptions.MaxFrames"/>. A video that ends at D seconds gives ⌈D × rate⌉ frames.
    /// </summary>
    /// <exception cref="MediaDecodeException">ffmpeg failed on the file, or decoded no frames.</exception>
    /// <exception cref="MediaToolNotFoundException">ffmpeg could not be started.</exception>
    /// <exception cref="TimeoutException">The job ran past <see cref="FrameSamplingOptions.Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async IAsyncEnumerable<FrameHash> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var previous = Interlocked.CompareExchange(ref _state, Reading, Unread);
        ObjectDisposedException.ThrowIf(previous == Disposed, this);
        if (previous != Unread)
        {
            throw new InvalidOperationException("A video's frames can be read once; open the file again to read them again.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        var width = _video.FrameWidth;
        var height = _video.FrameHeight;
        var rgb = _options.KeepPixels;
        var pixelCount = width * height;
        var frameLength = rgb ? pixelCount * 3 : pixelCount;
        var decoder = ToolProcess.Start(
            "ffmpeg",
            _ffmpegPath,
            FfmpegCommands.DecodeFrames(_fullPath, _video.StreamIndex, _options.FramesPerSecond, width, height, _options.MaxFrames, rgb));
        var bytes = ArrayPool<byte>.Shared.Rent(frameLength);
        var luma = ArrayPool<float>.Shared.Rent(pixelCount);
        try
        {
            Volatile.Write(ref _decoder, decoder);
            if (Volatile.Read(ref _state) == Disposed)
            {
                decoder.Kill();
            }

            using var kill = stop.Token.UnsafeRegister(static state => ((ToolProcess)state!).Kill(), decoder);
            var frame = bytes.AsMemory(0, frameLength);
            var produced = 0;
            while (produced < _options.MaxFrames)
            {
                var read = await ReadFrameAsync(decoder, frame, stop.Token, cancellationToken).ConfigureAwait(false);
                if (read < frameLength)
                {
                    await FinishAsync(decoder, produced, read, stop.Token, cancellationToken).ConfigureAwait(false);
                    yield break;
                }

                var pixels = frame.Span;
                RgbImage? colour = null;
                if (rgb)
                {
                    LumaDecoder.FillLuma(pixels, luma.AsSpan(0, pixelCount));
                    colour = new RgbImage(width, height, pixels.ToArray());
                }
                else
                {
                    for (var i = 0; i < pixels.Length; i++)
                    {
                        luma[i] = pixels[i];
                    }
                }

                // The eight dihedral hashes cost seven medians more than one, next to ffmpeg's decoding nothing.
                var result = PdqHasher.HashLumaDihedral(luma, width, height);
                yield return new FrameHash(produced / _options.FramesPerSecond, result, colour);
                produced++;
            }

            // At the cap: ffmpeg stops by itself (-frames:v) and whatever it still had to say is moot.
        }
        finally
        {
            Interlocked.CompareExchange(ref _decoder, null, decoder);
            decoder.Dispose();
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<float>.Shared.Return(luma);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, Disposed) != Disposed)
        {
            Volatile.Read(ref _decoder)?.Kill();
            _deadline.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    internal static Exception Interrupted(CancellationToken caller, TimeSpan timeout, string tool) =>
        caller.IsCancellationRequested
            ? new OperationCanceledException($"Frame sampling was cancelled; {tool} was stopped.", null, caller)
            : new TimeoutException($"Frame sampling did not finish within {timeout}; {tool} was stopped.");

    private async ValueTask<int> ReadFrameAsync(ToolProcess decoder, Memory<byte> frame, CancellationToken stop, CancellationToken caller)
    {
        try
        {
            var read = await decoder.Output.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false, stop).ConfigureAwait(false);

            // Killing ffmpeg on cancellation closes its stdout, which looks like a short video.
            stop.ThrowIfCancellationRequested();
            return read;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && stop.IsCancellationRequested)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) == Disposed, this);
            throw Interrupted(caller, _options.Timeout, decoder.Tool);
        }
    }

    private async Task FinishAsync(ToolProcess decoder, int produced, int partial, CancellationToken stop, CancellationToken caller)
    {
        try
        {
            await decoder.WaitForExitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw Interrupted(caller, _options.Timeout, decoder.Tool);
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) == Disposed, this);
        if (decoder.ExitCode != 0)
        {
            throw await decoder.FailureAsync("ffmpeg could not decode the video").ConfigureAwait(false);
        }

        if (partial > 0)
        {
            throw new MediaDecodeException($"ffmpeg's output ended part-way through a frame ({partial} of {_video.FrameWidth * _video.FrameHeight} bytes).");
        }

        if (produced == 0)
        {
            throw new MediaDecodeException("ffmpeg decoded no frames from the video.");
        }
    }
}
