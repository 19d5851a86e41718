namespace HiveOrleans.Abstractions.Projects;

/// <summary>Hands out project ids. Only project creation touches it, never the task path.</summary>
[Alias("HiveOrleans.IProjectDirectoryGrain")]
public interface IProjectDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key of the directory grain.</summary>
    const string Key = "projects";

    /// <summary>Reserves the next project id.</summary>
    [Alias("AllocateProjectId")]
    Task<long> AllocateProjectIdAsync();
}
