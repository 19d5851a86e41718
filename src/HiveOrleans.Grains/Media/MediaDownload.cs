using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage.Media;
using HiveOrleans.Grains.Tasks;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// Brings a <c>url</c> submission's media into the store: download (through the SSRF-checked fetcher), sniff, store.
/// Every way this can fail becomes a <see cref="TaskFailedException"/> the task finishes with.
/// </summary>
public sealed class MediaDownload(MediaFetcher fetcher, IMediaStore store)
{
    public async Task<TaskMedia> DownloadAsync(TaskSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var url = submission.Url ?? throw new ArgumentException("The submission has no URL.", nameof(submission));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new TaskFailedException(TaskFailedException.FetchFailed, $"Could not download the media: '{url}' is not an absolute URL.");
        }

        try
        {
            // On the thread pool: hashing and writing the bytes is work for no grain's scheduler.
            return await Task.Run(
                () => fetcher.FetchAsync(
                    uri,
                    submission.MaxMediaBytes,
                    (body, response, ct) => MediaIntake.StoreAsync(store, body, submission.ModelType, submission.MaxMediaBytes, FileNameOf(response.FinalUrl), ct),
                    cancellationToken),
                cancellationToken);
        }
        catch (MediaFetchException ex)
        {
            throw new TaskFailedException(TaskFailedException.FetchFailed, $"Could not download the media: {ex.Reason}.", ex);
        }
        catch (MediaTooLargeException ex)
        {
            throw new TaskFailedException(TaskFailedException.FetchFailed, $"Could not download the media: it is over this project's limit of {ex.Limit} bytes.", ex);
        }
        catch (UnsupportedMediaException ex)
        {
            throw new TaskFailedException(TaskFailedException.UnsupportedMedia, ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw new TaskFailedException(TaskFailedException.FetchFailed, "Could not download the media: the server sent an empty body.", ex);
        }
    }

    /// <summary>The last path segment of the address the bytes came from: what Hive reports as the file name.</summary>
    private static string? FileNameOf(Uri url)
    {
        var name = Uri.UnescapeDataString(url.AbsolutePath.TrimEnd('/').Split('/')[^1]);
        return name.Length > 0 ? name : null;
    }
}
