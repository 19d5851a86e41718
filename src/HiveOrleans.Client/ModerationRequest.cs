namespace HiveOrleans.Client;

/// <summary>
/// What to moderate, and how the answer should come back. Make one with <see cref="ForText"/>, <see cref="ForUrl"/>,
/// <see cref="ForStream"/> or <see cref="ForFile"/>, then set <see cref="Metadata"/>, <see cref="CallbackUrl"/> or
/// <see cref="IdempotencyKey"/> as needed.
/// </summary>
/// <remarks>
/// Text and URLs are sent as a JSON body, media as <c>multipart/form-data</c> with a <c>media</c> file part. A
/// request may be sent more than once (the SDK retries 429 and 503): a seekable stream is sent again from the
/// position it had when the request was made, a stream that cannot seek is first read whole into memory, and a file
/// is opened again for each attempt. For large media prefer <see cref="ForFile"/> or a seekable stream.
/// </remarks>
public sealed record ModerationRequest
{
    private ModerationRequest()
    {
    }

    /// <summary>The text to moderate (<c>text_data</c>), for text projects.</summary>
    public string? TextData { get; private init; }

    /// <summary>An http/https address the gateway downloads the media from (<c>url</c>).</summary>
    public Uri? Url { get; private init; }

    /// <summary>The media to upload (<c>media</c>), for <see cref="ForStream"/>.</summary>
    public Stream? Media { get; private init; }

    /// <summary>A file to upload as <c>media</c>, for <see cref="ForFile"/>.</summary>
    public string? FilePath { get; private init; }

    /// <summary>The upload's file name, shown back as <c>input.media.filename</c>.</summary>
    public string? FileName { get; private init; }

    /// <summary>A string the caller gets back untouched in the task's <c>metadata</c> (at most 16 KiB).</summary>
    public string? Metadata { get; init; }

    /// <summary>Where the finished task is POSTed (async submissions; http or https).</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>
    /// 1–255 characters; the same key from the same project within 24 h gives the first task instead of a new one.
    /// Async submissions without one get one from the SDK (<see cref="TaskAcknowledgement.IdempotencyKey"/>).
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Text for a text project.</summary>
    public static ModerationRequest ForText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ModerationRequest { TextData = text };
    }

    /// <summary>Media the gateway downloads from <paramref name="url"/> (absolute http or https).</summary>
    public static ModerationRequest ForUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The media URL must be an absolute http or https address.", nameof(url));
        }

        return new ModerationRequest { Url = url };
    }

    /// <summary>Media read from <paramref name="media"/>, uploaded under <paramref name="fileName"/>. The SDK does not dispose the stream.</summary>
    public static ModerationRequest ForStream(Stream media, string fileName)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!media.CanRead)
        {
            throw new ArgumentException("The media stream cannot be read.", nameof(media));
        }

        return new ModerationRequest { Media = media, FileName = fileName };
    }

    /// <summary>The file at <paramref name="path"/>, uploaded under its own name.</summary>
    public static ModerationRequest ForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The media file does not exist.", path);
        }

        return new ModerationRequest { FilePath = path, FileName = Path.GetFileName(path) };
    }
}
