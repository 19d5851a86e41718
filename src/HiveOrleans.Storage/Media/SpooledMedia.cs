using System.Buffers;
using System.Security.Cryptography;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// Incoming content written to a file on local disk while its SHA-256 (the key), its MD5 and its length are
/// computed, so no store ever holds a whole upload in memory. Disposing deletes the file unless it was moved away.
/// </summary>
internal sealed class SpooledMedia : IAsyncDisposable
{
    private const int BufferSize = 128 * 1024;

    private SpooledMedia(string path, StoredMedia media)
    {
        Path = path;
        Media = media;
    }

    /// <summary>The spool file. It is complete and closed.</summary>
    public string Path { get; }

    public StoredMedia Media { get; }

    /// <summary>
    /// Copies <paramref name="content"/> to a new file at <paramref name="path"/>. Throws
    /// <see cref="MediaTooLargeException"/> as soon as more than <paramref name="maxBytes"/> have been read and
    /// <see cref="ArgumentException"/> for empty content; on any failure the file is deleted.
    /// </summary>
    public static async Task<SpooledMedia> WriteAsync(Stream content, long maxBytes, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // MD5 is not used for security here: it is Hive's input.hash, an identifier clients compare.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long length = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw new MediaTooLargeException(maxBytes);
                    }

                    sha256.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                if (length == 0)
                {
                    throw new ArgumentException("The content is empty: there is nothing to store.", nameof(content));
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var media = new StoredMedia(Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()), length);
            return new SpooledMedia(path, media);
        }
        catch
        {
            Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ValueTask DisposeAsync()
    {
        Delete(Path);
        return ValueTask.CompletedTask;
    }

    private static void Delete(string path)
    {
        try
        {
            // A file that was moved into place (or never created) is simply not there: File.Delete does not mind.
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the store's clean-up of stale spool files (or the OS's temp clean-up).
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
