namespace HiveOrleans.Storage.Media;

/// <summary>
/// Content-addressed storage for submitted media: bytes are kept once per content (keyed by their SHA-256), outside
/// grain state, where every silo and gateway of the cluster can read them. Implementations: a local directory
/// (embedded mode) and PostgreSQL (cluster mode); an S3-compatible store can be added behind the same interface.
/// </summary>
/// <remarks>
/// Retention: a blob is kept at least until the latest time any caller asked for with <see cref="RetainUntilAsync"/>
/// (a put counts as asking for the store's default retention from now); <see cref="DeleteExpiredAsync"/> removes
/// what has run out. Writing the same content again extends nothing but the retention and costs no second copy.
/// </remarks>
public interface IMediaStore
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end, streaming it to the store (never holding it whole in memory),
    /// and returns what was stored. Throws <see cref="MediaTooLargeException"/> as soon as more than
    /// <paramref name="maxBytes"/> arrive; nothing is stored then. An empty stream is refused the same way
    /// (<see cref="ArgumentException"/>): there is nothing to moderate.
    /// </summary>
    Task<StoredMedia> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored blob for reading. Throws <see cref="MediaNotFoundException"/> when it is not (or no longer) there.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A file on this machine's disk holding the blob, for tools that need a seekable path (ffmpeg). Dispose it when
    /// done: a temporary copy is deleted then. Throws <see cref="MediaNotFoundException"/> when the blob is gone.
    /// </summary>
    Task<MediaFile> GetFileAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keeps the blob at least until <paramref name="until"/> (never shortens); unknown keys are ignored.</summary>
    Task RetainUntilAsync(string key, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="max"/> blobs whose retention has run out; returns how many it deleted.</summary>
    Task<int> DeleteExpiredAsync(int max, CancellationToken cancellationToken = default);
}
