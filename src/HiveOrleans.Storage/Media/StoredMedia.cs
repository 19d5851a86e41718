namespace HiveOrleans.Storage.Media;

/// <summary>What the store holds for one piece of content.</summary>
/// <param name="Key">The content's address: lowercase hex SHA-256 of the bytes.</param>
/// <param name="Md5">Lowercase hex MD5 of the bytes: Hive's <c>input.hash</c>.</param>
/// <param name="Length">The size in bytes.</param>
public sealed record StoredMedia(string Key, string Md5, long Length);
