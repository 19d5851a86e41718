namespace HiveOrleans.Abstractions.Projects;

/// <summary>The kinds of model a project can serve.</summary>
public static class ModelTypes
{
    /// <summary>Text classification.</summary>
    public const string Text = "text";

    /// <summary>Images, GIFs and video, matched against the project's PDQ hash banks.</summary>
    public const string Visual = "visual";

    /// <summary>Text in images, GIFs and video frames, read with tesseract and moderated like text.</summary>
    public const string Ocr = "ocr";

    /// <summary>Speech in audio and in the sound track of video, recognised and then moderated as text.</summary>
    public const string Speech = "speech";

    /// <summary>Every kind Hive knows.</summary>
    public static readonly IReadOnlyList<string> Known = [Text, Visual, Ocr, Speech, "logo", "scene", "face"];

    /// <summary>The kinds this version can run.</summary>
    public static readonly IReadOnlyList<string> Available = [Text, Visual, Ocr, Speech];

    /// <summary>What a project of each kind takes as media, in words for error messages; a kind not listed takes none.</summary>
    public static readonly IReadOnlyDictionary<string, string> AcceptedMedia = new Dictionary<string, string>
    {
        [Visual] = "images (JPEG, PNG, GIF, WebP, BMP), GIFs and video",
        [Ocr] = "images (JPEG, PNG, GIF, WebP, BMP), GIFs and video",
        [Speech] = "audio (WAV, MP3, Ogg/Opus, M4A/AAC, FLAC, WebM) and video with a sound track",
    };
}
