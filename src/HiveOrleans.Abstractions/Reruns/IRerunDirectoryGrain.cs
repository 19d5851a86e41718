namespace HiveOrleans.Abstractions.Reruns;

/// <summary>
/// The reruns still running, so a silo that starts can carry on those whose silo went (keyed <see cref="RerunKeys.Directory"/>).
/// Touched only when a rerun starts or ends and by each silo's resumer.
/// </summary>
[Alias("HiveOrleans.IRerunDirectoryGrain")]
public interface IRerunDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records a rerun as running.</summary>
    [Alias("Add")]
    Task AddAsync(Guid rerunId);

    /// <summary>Records a rerun as no longer running.</summary>
    [Alias("Remove")]
    Task RemoveAsync(Guid rerunId);

    /// <summary>The reruns recorded as running.</summary>
    [Alias("ListRunning")]
    Task<IReadOnlyList<Guid>> ListRunningAsync();
}
