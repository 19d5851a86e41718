namespace HiveOrleans.Abstractions.Projects;

/// <summary>Hands out project ids and lists them. Only the operator API touches it, never the task path.</summary>
[Alias("HiveOrleans.IProjectDirectoryGrain")]
public interface IProjectDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key of the directory grain.</summary>
    const string Key = "projects";

    /// <summary>Reserves the next project id.</summary>
    [Alias("AllocateProjectId")]
    Task<long> AllocateProjectIdAsync();

    /// <summary>The highest id handed out so far; ids run from 1 (an id may be skipped if creation failed).</summary>
    [Alias("GetLastProjectId")]
    Task<long> GetLastProjectIdAsync();
}
