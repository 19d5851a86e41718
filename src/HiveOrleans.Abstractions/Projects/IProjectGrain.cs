namespace HiveOrleans.Abstractions.Projects;

/// <summary>
/// Owns one project: its configuration, the hashes of its API keys and its webhook secret.
/// Keyed by <see cref="ProjectKeys.GrainKey"/> (<c>project-N</c>): a non-hex prefix, so Orleans' ADO.NET storage keeps it a string.
/// </summary>
[Alias("HiveOrleans.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>Creates the project and its two live API keys; the plain keys are in the answer and nowhere else.</summary>
    [Alias("Create")]
    Task<ProjectCreated> CreateAsync(ProjectSpec spec);

    /// <summary>The project's configuration, or <c>null</c> when it does not exist.</summary>
    [Alias("GetConfig")]
    Task<ProjectConfig?> GetConfigAsync();
}
