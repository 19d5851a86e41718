using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Wire.Projects;

/// <summary>Every project, in id order (<c>GET /admin/v1/projects</c>).</summary>
/// <param name="Projects">The projects.</param>
public sealed record ProjectListDocument(IReadOnlyList<ProjectDocument> Projects)
{
    /// <summary>The list of <paramref name="projects"/>.</summary>
    public static ProjectListDocument From(IEnumerable<ProjectDetails> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        return new([.. projects.Select(ProjectDocument.From)]);
    }
}
