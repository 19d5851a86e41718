using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HiveOrleans.Moderation.Media;

/// <summary>
/// Decodes the audio of a file (a voice note, or the sound track of a video) with ffmpeg to 16 kHz mono and hands it
/// out a segment at a time, so a long recording is recognised in order while ffmpeg goes on decoding and only one
/// segment is held.
/// </summary>
/// <param name="ffmpegPath">The ffmpeg executable: a name looked up on PATH, or a path.</param>
/// <param name="ffprobePath">The ffprobe executable, the same way.</param>
public sealed class AudioDecoder(string ffmpegPath = "ffmpeg", string ffprobePath = "ffprobe")
{
    /// <summary>
    /// How long <paramref name="fullPath"/> says it plays, in seconds, or null when ffprobe cannot tell (a bare AAC or
    /// MP3 stream may not say; a file ffmpeg cannot read fails later, in <see cref="ReadAsync"/>, with its reason).
    /// </summary>
    public async Task<double?> DurationAsync(string fullPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        try
        {
            using var probe = ToolProcess.Start("ffprobe", ffprobePath, FfmpegCommands.ProbeAudioDuration(Path.GetFullPath(fullPath)));
            using var kill = cancellationToken.UnsafeRegister(static state => ((ToolProcess)state!).Kill(), probe);
            using var reader = new StreamReader(probe.Output);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return probe.ExitCode == 0
                && double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && double.IsFinite(seconds) && seconds > 0
                ? seconds
                : null;
        }
        catch (MediaDecodeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The segments of <paramref name="fullPath"/>'s first audio stream, each <paramref name="segmentSeconds"/> long
    /// (the last shorter), at most <paramref name="maxSeconds"/> in all.
    /// </summary>
    /// <exception cref="MediaDecodeException">The file has no audio stream ffmpeg can decode.</exception>
    /// <exception cref="TimeoutException">Decoding went on past <paramref name="timeout"/>; ffmpeg is killed.</exception>
    public async IAsyncEnumerable<AudioSegment> ReadAsync(
        string fullPath, double segmentSeconds, double maxSeconds, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSeconds, 1);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var tool = ToolProcess.Start("ffmpeg", ffmpegPath, FfmpegCommands.DecodeAudio(Path.GetFullPath(fullPath), maxSeconds));
        using var kill = deadline.Token.Register(tool.Kill);
        var bytes = new byte[(int)(segmentSeconds * AudioSegment.SampleRate) * sizeof(short)];
        var start = 0.0;
        var any = false;
        while (true)
        {
            int read;
            try
            {
                read = await tool.Output.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Decoding the audio took longer than {timeout.TotalSeconds:0} s.");
            }
            catch (IOException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Decoding the audio took longer than {timeout.TotalSeconds:0} s.");
            }

            var samples = read / sizeof(short);
            if (samples == 0)
            {
                break;
            }

            any = true;
            var segment = new AudioSegment(start, MemoryMarshal.Cast<byte, short>(bytes.AsSpan(0, samples * sizeof(short))).ToArray());
            start += segment.DurationSeconds;
            yield return segment;
            if (read < bytes.Length)
            {
                break;
            }
        }

        try
        {
            await tool.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Decoding the audio took longer than {timeout.TotalSeconds:0} s.");
        }

        if (tool.ExitCode != 0 || !any)
        {
            throw await tool.FailureAsync(any ? "The audio could not be decoded to its end" : "The file has no audio ffmpeg can decode").ConfigureAwait(false);
        }
    }
}
