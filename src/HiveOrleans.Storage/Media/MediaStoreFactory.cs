namespace HiveOrleans.Storage.Media;

/// <summary>Creates the <see cref="IMediaStore"/> that <see cref="MediaStoreOptions"/> asks for.</summary>
public static class MediaStoreFactory
{
    /// <summary>
    /// The media store <paramref name="options"/> name: a directory on this machine (<c>local</c>; by default
    /// <paramref name="dataDirectory"/>/media) or the PostgreSQL database of <paramref name="store"/>
    /// (<c>postgresql</c>). Without a choice in the options, a PostgreSQL store gets <c>postgresql</c> and a SQLite
    /// store <c>local</c>. Retention is measured with <paramref name="clock"/>. The PostgreSQL tables come with the
    /// schema (<see cref="SchemaInstaller.ApplyAsync"/>). The result is <see cref="IAsyncDisposable"/> when it holds
    /// connections.
    /// </summary>
    public static IMediaStore Create(StoreLocation store, MediaStoreOptions options, string dataDirectory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RetentionDays);

        var retention = options.Retention;
        var kind = options.Store ?? store.Pick(postgres: () => MediaStoreOptions.PostgresStore, sqlite: () => MediaStoreOptions.LocalStore);
        if (string.Equals(kind, MediaStoreOptions.LocalStore, StringComparison.OrdinalIgnoreCase))
        {
            var directory = options.Directory;
            if (string.IsNullOrWhiteSpace(directory))
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
                directory = Path.Combine(dataDirectory, "media");
            }

            return new LocalDirectoryMediaStore(directory, retention, clock);
        }

        if (string.Equals(kind, MediaStoreOptions.PostgresStore, StringComparison.OrdinalIgnoreCase))
        {
            return store.Pick<IMediaStore>(
                postgres: () => new PostgresMediaStore(store.ConnectionString, retention, clock),
                sqlite: () => throw new InvalidOperationException("HiveOrleans:Media:Store is 'postgresql', but the store is not PostgreSQL (embedded mode); use 'local'."));
        }

        throw new InvalidOperationException($"HiveOrleans:Media:Store is '{kind}'; it must be 'local' or 'postgresql'.");
    }
}
