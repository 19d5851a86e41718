namespace HiveOrleans.Storage.Media;

/// <summary>A format recognised from a file's first bytes: its kind, its MIME type and a short display name.</summary>
public sealed record MediaFormat(MediaKind Kind, string MimeType, string Name)
{
    /// <summary>Bytes with no signature we know.</summary>
    public static MediaFormat Unknown { get; } = new(MediaKind.Unknown, "application/octet-stream", "Unknown");
}
