using Orleans.Storage;

namespace HiveOrleans.Silo.Hosting;

/// <summary>
/// Grain storage whose every call runs on the thread pool rather than on the calling grain's scheduler thread. Embedded
/// mode puts Orleans' ADO.NET provider behind it because Microsoft.Data.Sqlite's async methods run synchronously: a
/// write waiting for SQLite's write lock would otherwise stall every grain on that scheduler thread. The grain still
/// awaits the call, so what it sees is unchanged.
/// </summary>
internal sealed class OffSchedulerGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>The name the wrapped provider is registered under; rows do not depend on a provider's name.</summary>
    public const string InnerName = "hive-sqlite";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.ClearStateAsync(stateName, grainId, grainState));
}
