namespace HiveOrleans.Grains.Projects;

[GenerateSerializer, Alias("HiveOrleans.ProjectDirectoryState")]
public sealed class ProjectDirectoryState
{
    [Id(0)] public long LastProjectId { get; set; }
}
