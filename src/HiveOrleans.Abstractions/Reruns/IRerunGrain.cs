namespace HiveOrleans.Abstractions.Reruns;

/// <summary>
/// One rerun of a project's stored tasks under settings to try (issue 18): keyed by <see cref="RerunKeys.GrainKey"/>.
/// It runs in the background on its silo and checkpoints its cursor and report, so it resumes where it was.
/// </summary>
[Alias("HiveOrleans.IRerunGrain")]
public interface IRerunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the rerun. Throws <see cref="Projects.ProjectRequestException"/> for an unknown project, a project this
    /// version cannot rerun, or settings the project would refuse. Starting a rerun that exists returns it as it is.
    /// </summary>
    [Alias("Start")]
    Task<RerunProgress> StartAsync(RerunSpec spec);

    /// <summary>The rerun as it stands; null when there is none.</summary>
    [Alias("Get")]
    Task<RerunProgress?> GetAsync();

    /// <summary>Stops a running rerun (what it did stays done); null when there is none.</summary>
    [Alias("Cancel")]
    Task<RerunProgress?> CancelAsync();

    /// <summary>Carries on a rerun that was running when its silo went; does nothing otherwise.</summary>
    [Alias("Resume")]
    Task ResumeAsync();
}
