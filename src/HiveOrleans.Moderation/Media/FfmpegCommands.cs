using System.Globalization;

namespace HiveOrleans.Moderation.Media;

/// <summary>The ffprobe and ffmpeg command lines, in one place so they can be read, tested and documented together.</summary>
internal static class FfmpegCommands
{
    /// <summary>
    /// The demuxers ffmpeg may use. Uploads are hostile: without this list ffmpeg would happily open an HLS
    /// playlist or a concat script disguised as a video and read whatever local files or URLs it names.
    /// Names match any part of a demuxer's own comma list ("mov" admits "mov,mp4,m4a,3gp,3g2,mj2").
    /// </summary>
    public const string DemuxerWhitelist = "mov,matroska,avi,gif,flv,mpegts,mpeg,mpegvideo,asf,ogg";

    public static IReadOnlyList<string> Probe(string fullPath) =>
    [
        "-hide_banner", "-loglevel", "error",
        .. InputHardening,
        "-select_streams", "v",
        "-show_entries",
        "format=format_name,duration"
            + ":stream=index,codec_name,width,height,sample_aspect_ratio,avg_frame_rate,duration"
            + ":stream_disposition=attached_pic:stream_tags=rotate:stream_side_data=rotation",
        "-of", "json",
        Input(fullPath),
    ];

    /// <summary>
    /// Decodes one video stream to raw 8-bit grey frames on stdout at a fixed rate. The fps filter's choices:
    /// <list type="bullet">
    /// <item><c>round=up</c>: an input frame counts for the first output tick at or after its timestamp, so the
    /// frame sampled at time t is the one on screen at t (the default, <c>near</c>, picks up to half a tick
    /// later), and a stream that ends at D yields exactly ⌈D·rate⌉ frames: a 30 s clip at 1 fps gives 30, at
    /// 0, 1, …, 29 s, never a 31st at the closing instant.</item>
    /// <item><c>start_time=0</c>: the first tick is at 0 on the file's timeline even when the video starts after
    /// the audio (the first picture fills the gap), so frame i is at exactly i/rate. ffmpeg's constant-frame-rate
    /// output sync pads the same way today; the filter option keeps the timeline from depending on that policy.</item>
    /// </list>
    /// The scale comes after the fps filter so that only kept frames are scaled, to a size chosen from the probe
    /// (so the caller knows every frame's byte length); <c>-frames:v</c> makes ffmpeg itself stop at the cap.
    /// </summary>
    /// <param name="rgb">True for 8-bit RGB frames (3 bytes a pixel) instead of grey.</param>
    public static IReadOnlyList<string> DecodeFrames(string fullPath, int streamIndex, double framesPerSecond, int width, int height, int maxFrames, bool rgb = false) =>
    [
        "-nostdin", "-hide_banner", "-loglevel", "error",
        .. InputHardening,
        "-i", Input(fullPath),
        "-map", string.Create(CultureInfo.InvariantCulture, $"0:{streamIndex}"),
        "-vf", string.Create(
            CultureInfo.InvariantCulture,
            $"fps=fps={framesPerSecond:R}:start_time=0:round=up,scale=w={width}:h={height}:flags=area"),
        "-frames:v", maxFrames.ToString(CultureInfo.InvariantCulture),
        "-pix_fmt", rgb ? "rgb24" : "gray",
        "-f", "rawvideo",
        "pipe:1",
    ];

    /// <summary>
    /// The demuxers ffmpeg may use for speech: the video containers (their audio track is what is heard) and the
    /// bare audio formats a voice note comes in.
    /// </summary>
    public const string AudioDemuxerWhitelist = DemuxerWhitelist + ",wav,w64,mp3,flac,aac,aiff,amr";

    /// <summary>The container's duration in seconds, alone on stdout, for audio (or a video's sound track).</summary>
    public static IReadOnlyList<string> ProbeAudioDuration(string fullPath) =>
    [
        "-hide_banner", "-loglevel", "error",
        "-protocol_whitelist", "file", "-format_whitelist", AudioDemuxerWhitelist,
        "-show_entries", "format=duration",
        "-of", "default=noprint_wrappers=1:nokey=1",
        Input(fullPath),
    ];

    /// <summary>
    /// Decodes the first audio stream to 16 kHz mono signed 16-bit little-endian samples on stdout, the input the
    /// recognisers take; <c>-t</c> makes ffmpeg itself stop at the cap.
    /// </summary>
    public static IReadOnlyList<string> DecodeAudio(string fullPath, double maxSeconds) =>
    [
        "-nostdin", "-hide_banner", "-loglevel", "error",
        "-protocol_whitelist", "file", "-format_whitelist", AudioDemuxerWhitelist,
        "-i", Input(fullPath),
        "-map", "0:a:0",
        "-vn", "-ac", "1", "-ar", "16000",
        "-t", maxSeconds.ToString("R", CultureInfo.InvariantCulture),
        "-f", "s16le",
        "pipe:1",
    ];

    private static IEnumerable<string> InputHardening =>
        ["-protocol_whitelist", "file", "-format_whitelist", DemuxerWhitelist];

    // "file:" keeps a path that starts with a dash or looks like "http:…" a plain local file.
    private static string Input(string fullPath) => "file:" + fullPath;
}
