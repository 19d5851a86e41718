using HiveOrleans.Abstractions.Callbacks;

namespace HiveOrleans.Wire.Callbacks;

/// <summary>An operator's list of a project's failing callbacks (<c>GET /admin/v1/projects/{id}/failing-callbacks</c>).</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Tasks">Its tasks whose callbacks are still owed, as the callback monitor lists them.</param>
public sealed record FailingCallbacksDocument(long ProjectId, IReadOnlyList<FailingCallbackDocument> Tasks)
{
    /// <summary>The list for <paramref name="projectId"/>.</summary>
    public static FailingCallbacksDocument From(long projectId, IEnumerable<FailingCallback> failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        return new(projectId, [.. failing.Select(FailingCallbackDocument.From)]);
    }
}
