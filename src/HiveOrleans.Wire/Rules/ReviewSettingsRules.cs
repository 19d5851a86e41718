using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire.Rules;

/// <summary>
/// The settings that steer a manual-review project's tasks to reviewers (docs/review.md): which tasks go
/// (<c>review_when</c>, <c>review_sample</c>), how long they may wait (<c>review_timeout</c>) and the labels a
/// rejection may name (<c>review_labels</c>). They belong to manual-review projects only: a model-only project has
/// none, and a project switched to model-only drops them (switched back, it starts from the defaults).
/// </summary>
public static class ReviewSettingsRules
{
    public const int MaxLabels = 50;
    public const int MaxLabelLength = 40;
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(30);

    /// <summary>
    /// The rules a project has once <paramref name="settings"/> are applied to <paramref name="config"/> and its
    /// review mode is <paramref name="review"/>: null for a model-only project; otherwise the rules it had (or the
    /// defaults, for a project new to manual review) with the given settings in place and the labels resolved,
    /// <paramref name="heads"/> when none were given.
    /// </summary>
    public static ReviewRouting? Apply(ProjectConfig config, ProjectSettings settings, string review, IReadOnlyList<string> heads)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(heads);
        if (review != ReviewModes.ManualReview)
        {
            if (GivenField(settings) is { } field)
            {
                throw new ProjectRequestException($"'{field}' needs \"review\": \"manual_review\"; a {review} project has no reviewers to send tasks to.");
            }

            return null;
        }

        var current = config.ReviewRules ?? new ReviewRouting();
        // Given labels are taken as given (an empty list is refused); otherwise they stay, or default to the heads.
        IReadOnlyList<string> labels = settings.ResetReviewLabels ? heads
            : settings.ReviewLabels ?? (current.Labels.Count > 0 ? current.Labels : heads);
        var rules = new ReviewRouting
        {
            When = settings.ReviewWhen is { } when ? new Dictionary<string, int>(when, StringComparer.Ordinal) : current.When,
            Sample = settings.ReviewSample ?? current.Sample,
            Timeout = settings.ClearReviewTimeout ? null : settings.ReviewTimeout ?? current.Timeout,
            Labels = [.. labels],
        };
        Validate(rules, config.ModelType, heads);
        return rules;
    }

    /// <summary>Whether <paramref name="label"/> is a label a rejection may carry: 1–40 of <c>a-z</c>, <c>0-9</c> and <c>_</c>.</summary>
    public static bool IsLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static void Validate(ReviewRouting rules, string modelType, IReadOnlyList<string> heads)
    {
        foreach (var (head, minimum) in rules.When)
        {
            Require(heads.Contains(head), heads.Count == 0
                ? $"'review_when' names '{head}', but a {modelType} project has no fixed classes to name; use \"always\"."
                : $"'review_when' names '{head}', which is not a class of a {modelType} project; known: {string.Join(", ", heads)}.");
            Require(minimum is >= 0 and <= ProjectSettingsRules.MaxSeverity, $"'review_when.{head}' must be a severity from 0 to {ProjectSettingsRules.MaxSeverity}.");
        }

        Require(rules.Sample is >= 0 and <= 1 && double.IsFinite(rules.Sample), "'review_sample' must be a number from 0 to 1.");
        Require(rules.Timeout is null || (rules.Timeout >= MinTimeout && rules.Timeout <= MaxTimeout),
            "'review_timeout' must be from 1 minute (\"1m\") to 30 days (\"30d\"), or null for none.");
        Require(rules.Labels.Count > 0, heads.Count == 0
            ? $"'review_labels' is required for a {modelType} project, which has no fixed classes to default to: name the labels a rejection may carry, e.g. [\"nudity\", \"violence\"]."
            : "'review_labels' must name at least one label.");
        Require(rules.Labels.Count <= MaxLabels, $"'review_labels' names {rules.Labels.Count} labels; at most {MaxLabels}.");
        if (rules.Labels.FirstOrDefault(label => !IsLabel(label)) is { } bad)
        {
            throw new ProjectRequestException($"'review_labels' entries are 1 to {MaxLabelLength} lowercase letters, digits or '_'; '{bad}' is not.");
        }

        if (rules.Labels.GroupBy(label => label, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ProjectRequestException($"'review_labels' names '{twice.Key}' more than once.");
        }
    }

    /// <summary>The first review setting given, by its wire name, or null when none was.</summary>
    private static string? GivenField(ProjectSettings settings) =>
        settings.ReviewWhen is not null ? "review_when"
        : settings.ReviewSample is not null ? "review_sample"
        : settings.ReviewLabels is not null || settings.ResetReviewLabels ? "review_labels"
        : settings.ReviewTimeout is not null || settings.ClearReviewTimeout ? "review_timeout"
        : null;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ProjectRequestException(message);
        }
    }
}
