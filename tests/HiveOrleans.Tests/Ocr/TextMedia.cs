using System.Globalization;
using HiveOrleans.Tests.Media;

namespace HiveOrleans.Tests.Ocr;

/// <summary>
/// A GIF and a short video made by the real ffmpeg from <see cref="TextPictures"/>: a second of each picture in turn,
/// some with text and some blank, so a test can say which seconds' frames must carry which words.
/// </summary>
public static class TextMedia
{
    /// <summary>The seconds of <see cref="MakeAsync"/>'s media and the lines drawn in each (none: blank).</summary>
    public static readonly string[][] Seconds = [[], ["I will kill you"], [], ["have a nice day"]];

    /// <summary>Writes the media (<c>mp4</c> or <c>gif</c>) into <paramref name="files"/>'s directory and returns its path.</summary>
    public static Task<string> MakeAsync(VideoFiles files, string extension, int width = 480, int height = 360)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.WrittenAsync($"text-{width}x{height}.{extension}", async path =>
        {
            List<string> arguments = [];
            for (var i = 0; i < Seconds.Length; i++)
            {
                var png = Path.Combine(files.Directory, $"text-{width}x{height}-{i}.png");
                await File.WriteAllBytesAsync(png, TextPictures.Png(TextPictures.Layout.Plain, Seconds[i], width, height));
                arguments.AddRange(["-loop", "1", "-framerate", "10", "-t", "1", "-i", png]);
            }

            var inputs = string.Concat(Enumerable.Range(0, Seconds.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{i}:v]")));
            var concat = string.Create(CultureInfo.InvariantCulture, $"{inputs}concat=n={Seconds.Length}:v=1");
            string[] encode = extension == "gif"
                ? ["-filter_complex", $"{concat},split[a][b];[a]palettegen[p];[b][p]paletteuse", path]
                : ["-filter_complex", $"{concat},format=yuv420p", .. await files.VideoCodecAsync(), path];
            await VideoFiles.RunFfmpegAsync([.. arguments, .. encode]);
        });
    }
}
