using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Rules;

/// <summary>
/// What a valid reviewer is: the reviewer grain applies these to every create and update, and its refusals name the
/// field. Whether each project exists is the grain's check (it asks the project grains).
/// </summary>
public static class ReviewerRules
{
    /// <summary>The name trimmed, or a refusal when it is blank or too long.</summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return trimmed.Length is > 0 and <= ReviewerLimits.MaxNameLength
            ? trimmed
            : throw new ReviewerRequestException($"'name' is required and 1 to {ReviewerLimits.MaxNameLength} characters.");
    }

    /// <summary>The project ids in order without repeats, or a refusal when there are too many or one is not an id.</summary>
    public static long[] Projects(IReadOnlyList<long> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        if (projects.FirstOrDefault(p => p <= 0, defaultValue: 1) is var bad and <= 0)
        {
            throw new ReviewerRequestException($"'projects' holds project ids, which are positive; got {bad}.");
        }

        long[] distinct = [.. projects.Distinct().Order()];
        return distinct.Length <= ReviewerLimits.MaxProjects
            ? distinct
            : throw new ReviewerRequestException($"'projects' may name at most {ReviewerLimits.MaxProjects:N0} projects; got {distinct.Length:N0}.");
    }

    /// <summary>The roles in their canonical order without repeats, or a refusal when none is given or one is unknown.</summary>
    public static string[] Roles(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var known = string.Join(", ", ReviewerRoles.All.Select(r => $"\"{r}\""));
        if (roles.FirstOrDefault(r => !ReviewerRoles.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ReviewerRequestException($"'roles' names '{unknown}', which is not a role; the roles are {known}.");
        }

        return roles.Count > 0
            ? [.. ReviewerRoles.All.Where(r => roles.Contains(r, StringComparer.Ordinal))]
            : throw new ReviewerRequestException($"'roles' needs at least one of {known}.");
    }
}
