using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Abstractions.Projects;

/// <summary>The settings a project gives each of its tasks' model runs, carried on the submission.</summary>
public static class ProjectModelSettings
{
    /// <summary>
    /// <paramref name="submission"/> with <paramref name="project"/>'s model settings in place (thresholds, custom lists,
    /// frame rate, banks, visual models, OCR languages): as a new task is submitted, and as a rerun tries settings on
    /// a stored one. The task's own fields stay.
    /// </summary>
    public static TaskSubmission WithModelSettingsOf(this TaskSubmission submission, ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(project);
        return submission with
        {
            Thresholds = project.Thresholds.Count > 0 ? project.Thresholds : null,
            ScoreThresholds = project.ScoreThresholds.Count > 0 ? project.ScoreThresholds : null,
            HasCustomLists = project.Blocklist.Count > 0 || project.Allowlist.Count > 0,
            FrameRate = project.FrameRate,
            HashBanks = project.HashBanks,
            VisualModels = project.ModelType == ModelTypes.Visual ? VisualModels.Effective(project.VisualModels, project.HashBanks) : [],
            OcrLanguages = project.OcrLanguages ?? [],
        };
    }
}
