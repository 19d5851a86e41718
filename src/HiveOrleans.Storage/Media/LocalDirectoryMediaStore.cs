using System.Collections.Concurrent;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// The media store in a directory on local disk (embedded mode). A blob lives at <c>&lt;directory&gt;/&lt;first two
/// hex digits of its key&gt;/&lt;key&gt;</c>; uploads are spooled to <c>&lt;directory&gt;/.incoming-*</c> first, on the
/// same file system, so a blob appears under its key whole or not at all.
/// </summary>
/// <remarks>
/// <para>
/// A blob's retention is its file's last-write time: the blob files are never written after they appear, so that
/// time is free to mean "keep until". It only ever moves later. (File systems bound it: ext4 stores times up to
/// 2446, XFS without big timestamps up to 2038; later times are clamped to <see cref="LatestExpiry"/>.)
/// </para>
/// <para>
/// Every change to a blob (creating it, moving its time, deleting it) happens under a lock for its key, and deleting
/// re-reads the time under that lock, so a put that meets an expired blob either extends it before the delete looks
/// or finds it gone and creates it again. The locks are per process: one directory is meant for one process, which
/// is what embedded mode is. Readers take no lock.
/// </para>
/// </remarks>
internal sealed class LocalDirectoryMediaStore : IMediaStore
{
    internal const string SpoolPrefix = ".incoming-";

    private const int LockStripes = 64;

    // A spool file this old belongs to a put that died with its process.
    private static readonly TimeSpan StaleSpoolAge = TimeSpan.FromDays(1);

    private static readonly DateTime LatestExpiry = new(2400, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Shared by every store over the same directory in this process (a host that builds the store twice, a test),
    // so they still exclude each other. One small array per directory ever opened.
    private static readonly ConcurrentDictionary<string, Lock[]> LocksByDirectory = new(StringComparer.Ordinal);

    private readonly string _directory;
    private readonly TimeSpan _defaultRetention;
    private readonly TimeProvider _clock;
    private readonly Lock[] _locks;

    public LocalDirectoryMediaStore(string directory, TimeSpan defaultRetention, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultRetention, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);

        _directory = Path.GetFullPath(directory);
        _defaultRetention = defaultRetention;
        _clock = clock;
        Directory.CreateDirectory(_directory);
        _locks = LocksByDirectory.GetOrAdd(_directory, static _ => [.. Enumerable.Range(0, LockStripes).Select(_ => new Lock())]);
    }

    public async Task<StoredMedia> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        var spoolPath = Path.Combine(_directory, SpoolPrefix + Guid.NewGuid().ToString("N"));
        await using var spool = await SpooledMedia.WriteAsync(content, maxBytes, spoolPath, cancellationToken).ConfigureAwait(false);

        var media = spool.Media;
        var path = BlobPath(media.Key);
        var expiresAt = Clamp(_clock.GetUtcNow() + _defaultRetention);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        lock (LockFor(media.Key))
        {
            if (!TryExtend(path, expiresAt))
            {
                // A rename within one file system: the blob appears whole. Its time is set while the lock is still
                // held, so no delete can see it in between.
                File.Move(spool.Path, path, overwrite: false);
                File.SetLastWriteTimeUtc(path, expiresAt);
            }
        }

        // The spool file, if the content was already there, is deleted when the spool is disposed.
        return media;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        MediaKey.ThrowIfInvalid(key);
        try
        {
            // FileShare.Delete: a blob that expires while it is being read is deleted without waiting for the reader.
            Stream stream = new FileStream(
                BlobPath(key),
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read | FileShare.Delete,
                bufferSize: 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(key, exception);
        }
    }

    public Task<MediaFile> GetFileAsync(string key, CancellationToken cancellationToken = default)
    {
        MediaKey.ThrowIfInvalid(key);
        var path = BlobPath(key);
        return File.Exists(path)
            ? Task.FromResult(new MediaFile(path, temporary: false))
            : throw NotFound(key, innerException: null);
    }

    public Task RetainUntilAsync(string key, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        MediaKey.ThrowIfInvalid(key);
        lock (LockFor(key))
        {
            TryExtend(BlobPath(key), Clamp(until));
        }

        return Task.CompletedTask;
    }

    // A scan of the whole directory: it runs on the thread pool so it never holds the caller's thread (a grain's).
    public Task<int> DeleteExpiredAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return Task.Run(() => DeleteExpired(max, cancellationToken), cancellationToken);
    }

    private int DeleteExpired(int max, CancellationToken cancellationToken)
    {
        DeleteStaleSpoolFiles();

        var now = _clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        foreach (var shard in new DirectoryInfo(_directory).EnumerateDirectories())
        {
            foreach (var blob in shard.EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsBlobIn(shard.Name, blob.Name) || blob.LastWriteTimeUtc > now)
                {
                    continue;
                }

                lock (LockFor(blob.Name))
                {
                    // A put may have extended the blob since the scan read its time.
                    blob.Refresh();
                    if (!blob.Exists || blob.LastWriteTimeUtc > now)
                    {
                        continue;
                    }

                    blob.Delete();
                }

                if (++deleted == max)
                {
                    return deleted;
                }
            }
        }

        return deleted;
    }

    // Judged by the machine's own clock, against which the file system stamped them, not by the store's clock.
    private void DeleteStaleSpoolFiles()
    {
        var cutOff = DateTime.UtcNow - StaleSpoolAge;
        foreach (var spool in new DirectoryInfo(_directory).EnumerateFiles(SpoolPrefix + "*"))
        {
            if (spool.LastWriteTimeUtc < cutOff)
            {
                try
                {
                    spool.Delete();
                }
                catch (IOException)
                {
                    // Tried again at the next sweep.
                }
            }
        }
    }

    private static bool TryExtend(string path, DateTime until)
    {
        var blob = new FileInfo(path);
        if (!blob.Exists)
        {
            return false;
        }

        if (blob.LastWriteTimeUtc < until)
        {
            blob.LastWriteTimeUtc = until;
        }

        return true;
    }

    private static bool IsBlobIn(string shard, string name) =>
        MediaKey.IsValid(name) && shard.Length == 2 && name.StartsWith(shard, StringComparison.Ordinal);

    private string BlobPath(string key) => Path.Combine(_directory, key[..2], key);

    private Lock LockFor(string key) => _locks[Convert.ToInt32(key[..2], 16) % LockStripes];

    private static DateTime Clamp(DateTimeOffset time) => time.UtcDateTime < LatestExpiry ? time.UtcDateTime : LatestExpiry;

    private static MediaNotFoundException NotFound(string key, Exception? innerException) =>
        innerException is null
            ? new MediaNotFoundException($"No media is stored under {key}.")
            : new MediaNotFoundException($"No media is stored under {key}.", innerException);
}
