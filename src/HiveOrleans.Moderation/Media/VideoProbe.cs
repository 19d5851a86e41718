using System.Globalization;
using System.Text.Json;

namespace HiveOrleans.Moderation.Media;

/// <summary>Runs ffprobe on a file and picks the video stream to sample.</summary>
internal static class VideoProbe
{
    // A few video streams describe themselves in a few hundred bytes each; more than this is not an upload.
    private const int MaxOutputBytes = 1024 * 1024;

    public static async Task<ProbedVideo> RunAsync(string ffprobePath, string fullPath, CancellationToken cancellationToken)
    {
        using var probe = ToolProcess.Start("ffprobe", ffprobePath, FfmpegCommands.Probe(fullPath));
        using var kill = cancellationToken.UnsafeRegister(static state => ((ToolProcess)state!).Kill(), probe);

        var output = await ReadBoundedAsync(probe.Output, cancellationToken).ConfigureAwait(false);
        await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (probe.ExitCode != 0)
        {
            throw await probe.FailureAsync("ffprobe could not read the file").ConfigureAwait(false);
        }

        try
        {
            return Parse(output);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new MediaDecodeException("ffprobe's description of the file could not be read.", e);
        }
    }

    internal static ProbedVideo Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;

        if (!root.TryGetProperty("streams", out var streams))
        {
            throw new MediaDecodeException("The file has no video stream.");
        }

        // Cover art in an MP3 or M4A is a one-picture "video" stream; it is not what a video upload shows.
        var stream = streams.EnumerateArray().FirstOrDefault(s =>
            Int(s, "width") > 0 && Int(s, "height") > 0
            && !(s.TryGetProperty("disposition", out var d) && Int(d, "attached_pic") == 1));
        if (stream.ValueKind != JsonValueKind.Object)
        {
            throw new MediaDecodeException("The file has no video stream.");
        }

        var codedWidth = Int(stream, "width");
        var codedHeight = Int(stream, "height");
        if (codedWidth > FrameGeometry.MaxSourceSide || codedHeight > FrameGeometry.MaxSourceSide)
        {
            throw new MediaDecodeException(
                $"The video is {codedWidth}×{codedHeight}; frames over {FrameGeometry.MaxSourceSide} pixels on a side are not decoded.");
        }

        var quarterTurn = Math.Abs(Rotation(stream)) % 180 == 90;
        var (frameWidth, frameHeight) = FrameGeometry.Fit(codedWidth, codedHeight, Ratio(stream, "sample_aspect_ratio", ':') ?? 1, quarterTurn);
        var info = new VideoInfo(
            Container: String(format, "format_name") ?? "unknown",
            Codec: String(stream, "codec_name") ?? "unknown",
            Width: quarterTurn ? codedHeight : codedWidth,
            Height: quarterTurn ? codedWidth : codedHeight,
            DurationSeconds: Seconds(stream, "duration") ?? Seconds(format, "duration"),
            FramesPerSecond: Ratio(stream, "avg_frame_rate", '/'));
        return new ProbedVideo(info, Int(stream, "index"), frameWidth, frameHeight);
    }

    // ffmpeg 5 and later report the display matrix as side data; older builds and some muxers use a "rotate" tag.
    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var entry in sideData.EnumerateArray())
            {
                if (entry.TryGetProperty("rotation", out var rotation) && rotation.TryGetInt32(out var degrees))
                {
                    return degrees;
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags)
            && int.TryParse(String(tags, "rotate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var tagged)
            ? tagged
            : 0;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(Stream output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await output.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxOutputBytes)
            {
                throw new MediaDecodeException("ffprobe described more video streams than any upload has.");
            }

            buffer.Write(chunk, 0, read);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return buffer.ToArray();
    }

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number)
            ? number
            : 0;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static double? Seconds(JsonElement element, string name) =>
        double.TryParse(String(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0
            ? seconds
            : null;

    // "25/1", "30000/1001", "16:11"; "0/0" and "0:1" mean unknown.
    private static double? Ratio(JsonElement element, string name, char separator)
    {
        var text = String(element, name);
        var at = text?.IndexOf(separator, StringComparison.Ordinal) ?? -1;
        if (text is null || at < 0
            || !double.TryParse(text.AsSpan(0, at), NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            || !double.TryParse(text.AsSpan(at + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            || numerator <= 0 || denominator <= 0)
        {
            return null;
        }

        return numerator / denominator;
    }
}
