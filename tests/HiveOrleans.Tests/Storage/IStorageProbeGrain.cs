using Orleans;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// Writes one text to two ADO.NET grain stores on the same database: one that keeps a row when
/// cleared (ClearStorageKey) and one that deletes it (DeleteStorageKey).
/// </summary>
[Alias("hive.tests.storage-probe")]
internal interface IStorageProbeGrain : IGrainWithGuidKey
{
    [Alias("write")]
    Task<ProbeReading> WriteAsync(string text);

    [Alias("read")]
    Task<ProbeReading> ReadAsync();

    [Alias("clear")]
    Task ClearAsync();

    [Alias("deactivate")]
    Task DeactivateAsync();
}
