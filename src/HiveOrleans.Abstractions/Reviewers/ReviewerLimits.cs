namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>The bounds of a reviewer's settings.</summary>
public static class ReviewerLimits
{
    /// <summary>The longest name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most projects one reviewer works on.</summary>
    public const int MaxProjects = 1000;
}
