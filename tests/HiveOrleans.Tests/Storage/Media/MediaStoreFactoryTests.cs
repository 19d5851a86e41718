using System.ComponentModel.DataAnnotations;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Media;

public sealed class MediaStoreFactoryTests : IDisposable
{
    private const string Postgres = "Host=127.0.0.1;Username=postgres;Password=postgres;Database=unused";

    private readonly SqliteFile _file = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hiveorleans-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Without_a_choice_an_embedded_store_keeps_media_in_the_data_directory()
    {
        var store = MediaStoreFactory.Create(_file.Store, new MediaStoreOptions(), _dataDirectory, TimeProvider.System);

        Assert.IsType<LocalDirectoryMediaStore>(store);
        Assert.True(Directory.Exists(Path.Combine(_dataDirectory, "media")));
    }

    [Fact]
    public async Task Without_a_choice_a_cluster_store_keeps_media_in_postgresql()
    {
        var store = MediaStoreFactory.Create(StoreLocation.ForPostgres(Postgres), new MediaStoreOptions(), _dataDirectory, TimeProvider.System);

        Assert.IsType<PostgresMediaStore>(store);
        await ((IAsyncDisposable)store).DisposeAsync();
    }

    [Fact]
    public void A_configured_directory_is_used_for_the_local_store_even_in_cluster_mode()
    {
        var directory = Path.Combine(_dataDirectory, "elsewhere");
        var options = new MediaStoreOptions { Store = "Local", Directory = directory };

        var store = MediaStoreFactory.Create(StoreLocation.ForPostgres(Postgres), options, _dataDirectory, TimeProvider.System);

        Assert.IsType<LocalDirectoryMediaStore>(store);
        Assert.True(Directory.Exists(directory));
    }

    [Fact]
    public void A_postgresql_media_store_needs_a_postgresql_store()
    {
        var options = new MediaStoreOptions { Store = MediaStoreOptions.PostgresStore };

        Assert.Throws<InvalidOperationException>(() => MediaStoreFactory.Create(_file.Store, options, _dataDirectory, TimeProvider.System));
    }

    [Theory]
    [InlineData(null, 7, true)]
    [InlineData("local", 1, true)]
    [InlineData("PostgreSQL", 30, true)]
    [InlineData("s3", 7, false)]
    [InlineData("local", 0, false)]
    [InlineData("local", -1, false)]
    public void Options_are_validated(string? store, int retentionDays, bool valid)
    {
        var options = new MediaStoreOptions { Store = store, RetentionDays = retentionDays };

        var ok = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    [Fact]
    public void A_retention_of_zero_days_is_refused_by_the_factory_too()
    {
        var options = new MediaStoreOptions { RetentionDays = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => MediaStoreFactory.Create(_file.Store, options, _dataDirectory, TimeProvider.System));
    }

    public void Dispose()
    {
        _file.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
