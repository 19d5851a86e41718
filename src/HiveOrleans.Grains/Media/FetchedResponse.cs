namespace HiveOrleans.Grains.Media;

/// <summary>What the server said about the body a fetch hands to its consumer.</summary>
/// <param name="FinalUrl">The URL the body came from, after redirects.</param>
/// <param name="ContentType">The <c>Content-Type</c> header exactly as the server sent it; a claim, not a fact.</param>
/// <param name="ContentLength">The <c>Content-Length</c> header, when there was one (never over the fetch's limit).</param>
public sealed record FetchedResponse(Uri FinalUrl, string? ContentType, long? ContentLength);
