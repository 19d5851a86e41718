namespace HiveOrleans.Storage.Media;

/// <summary>A blob as a file on local disk. Disposing deletes it when it is a temporary copy.</summary>
public sealed class MediaFile : IAsyncDisposable
{
    private readonly bool _temporary;

    public MediaFile(string path, bool temporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _temporary = temporary;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    public ValueTask DisposeAsync()
    {
        if (_temporary)
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
                // A temporary copy that cannot be deleted now is left for the OS's temp cleanup.
            }
        }

        return ValueTask.CompletedTask;
    }
}
