namespace HiveOrleans.Abstractions.Projects;

/// <summary>Whether a human reviews the model's result.</summary>
public static class ReviewModes
{
    /// <summary>The model's result is final.</summary>
    public const string ModelOnly = "model_only";

    /// <summary>A reviewer has the final word; such projects take async tasks only.</summary>
    public const string ManualReview = "manual_review";
}
