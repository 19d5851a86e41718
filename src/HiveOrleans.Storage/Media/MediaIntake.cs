using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// Takes media in, the one way for uploads (the gateway) and downloads (the task): sniff the type from the first
/// bytes, refuse what the project's model cannot take before storing anything, then stream the rest to the store.
/// </summary>
public static class MediaIntake
{
    /// <summary>The longest file name kept (Hive echoes it as <c>media.filename</c>).</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>Hive's <c>media.type</c> for a kind the platform takes.</summary>
    public static string TypeName(MediaKind kind) => kind switch
    {
        MediaKind.Image => "image",
        MediaKind.Gif => "gif",
        MediaKind.Video => "video",
        MediaKind.Audio => "audio",
        _ => "unknown",
    };

    /// <summary>The still-image types the visual and OCR models decode.</summary>
    private static readonly HashSet<string> DecodableImages = new(StringComparer.Ordinal)
    {
        "image/jpeg", "image/png", "image/webp", "image/bmp",
    };

    /// <summary>True when a project of <paramref name="modelType"/> can moderate media of <paramref name="format"/>.</summary>
    public static bool Fits(string modelType, MediaFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return modelType switch
        {
            ModelTypes.Visual or ModelTypes.Ocr => format.Kind switch
            {
                MediaKind.Image => DecodableImages.Contains(format.MimeType),
                MediaKind.Gif or MediaKind.Video => true,
                _ => false,
            },

            // A video's sound track is what a speech project hears; whether it has one is known only once decoded.
            ModelTypes.Speech => format.Kind is MediaKind.Audio or MediaKind.Video,
            _ => false,
        };
    }

    /// <summary>
    /// Hive's <c>media.type</c> for media of <paramref name="format"/> sent to a <paramref name="modelType"/>
    /// project: a speech project hears only the audio, so even a video is <c>"audio"</c> to it.
    /// </summary>
    public static string TypeName(string modelType, MediaFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return modelType == ModelTypes.Speech ? TypeName(MediaKind.Audio) : TypeName(format.Kind);
    }

    /// <summary>What a project of <paramref name="modelType"/> takes, for error messages.</summary>
    public static string Accepted(string modelType) => ModelTypes.AcceptedMedia.GetValueOrDefault(modelType, "no media");

    /// <summary>
    /// Reads <paramref name="content"/> into the store. Throws <see cref="UnsupportedMediaException"/> when the bytes
    /// are not something the project's model takes (nothing is stored then), <see cref="MediaTooLargeException"/>
    /// past <paramref name="maxBytes"/>, and <see cref="ArgumentException"/> for empty content.
    /// </summary>
    public static async Task<TaskMedia> StoreAsync(
        IMediaStore store, Stream content, string modelType, long maxBytes, string? fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        var header = new byte[MediaSniffer.HeaderLength];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            throw new ArgumentException("The media is empty.");
        }

        var format = MediaSniffer.Sniff(header.AsSpan(0, read));
        ThrowIfMisfit(modelType, format);

        Stream whole = new PrefixedReadStream(header.AsMemory(0, read), content);
        var soundOnly = SoundOnlyFormat(format);
        var movie = soundOnly is null ? null : new IsoMovieScanner();
        if (movie is not null)
        {
            // Whether an MP4 holds any picture is known only once its 'moov' box has gone past, often at the very
            // end; an audio-only file stops the put there, before anything is stored, if the project wants pictures.
            whole = new ObservedReadStream(whole, bytes =>
            {
                movie.Feed(bytes);
                if (movie.AudioOnly)
                {
                    ThrowIfMisfit(modelType, soundOnly!);
                }
            });
        }

        await using var disposeWhole = whole;
        var stored = await store.PutAsync(whole, maxBytes, cancellationToken);
        if (movie is { AudioOnly: true })
        {
            format = soundOnly!;
        }

        return new TaskMedia
        {
            Key = stored.Key,
            Md5 = stored.Md5,
            Length = stored.Length,
            Type = TypeName(modelType, format),
            MimeType = format.MimeType,
            FileName = CleanFileName(fileName),
        };
    }

    private static void ThrowIfMisfit(string modelType, MediaFormat format)
    {
        if (!Fits(modelType, format))
        {
            var found = format.Kind == MediaKind.Unknown ? "of no media type we recognise" : $"{format.Name} ({format.MimeType})";
            throw new UnsupportedMediaException($"The media is {found}; a {modelType} project takes {Accepted(modelType)}.");
        }
    }

    /// <summary>What an ISO base media video is when it turns out to hold sound alone; null for every other format.</summary>
    private static MediaFormat? SoundOnlyFormat(MediaFormat format) =>
        format == MediaFormats.Mp4 || format == MediaFormats.M4v || format == MediaFormats.QuickTime ? MediaFormats.Mp4Audio
        : format == MediaFormats.ThreeGp ? MediaFormats.ThreeGpAudio
        : format == MediaFormats.ThreeG2 ? MediaFormats.ThreeG2Audio
        : null;

    private static string? CleanFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        // Only the name: a client's path says nothing about the content and is not ours to echo.
        var name = Path.GetFileName(fileName.Replace('\\', '/').Trim());
        return name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
    }
}
