namespace HiveOrleans.Abstractions.Tasks;

/// <summary>
/// The media a task moderates, as stored: the bytes live in the media store under <see cref="Key"/>, never in grain
/// state. Known at submission for uploads; filled in after the download for <c>url</c> submissions.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskMedia")]
public sealed record TaskMedia
{
    /// <summary>The blob's key in the media store (hex SHA-256 of the bytes).</summary>
    [Id(0)] public required string Key { get; init; }

    /// <summary>Lowercase hex MD5 of the bytes (Hive's <c>input.hash</c>).</summary>
    [Id(1)] public required string Md5 { get; init; }

    /// <summary>The size in bytes.</summary>
    [Id(2)] public required long Length { get; init; }

    /// <summary>What the bytes are, by their magic numbers: <c>image</c>, <c>gif</c> or <c>video</c> (Hive's <c>media.type</c>).</summary>
    [Id(3)] public required string Type { get; init; }

    /// <summary>The MIME type found in the bytes.</summary>
    [Id(4)] public required string MimeType { get; init; }

    /// <summary>The uploaded file's name, as the caller gave it.</summary>
    [Id(5)] public string? FileName { get; init; }
}
