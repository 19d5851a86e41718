using System.Text.Json.Serialization;
using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Wire.Projects;

/// <summary>
/// The operator API's Project object: every setting, the two key slots (never the keys), and the project's times. The
/// answer to creating a project also carries the keys and the webhook secret, shown that once.
/// </summary>
/// <param name="ProjectId">The project id.</param>
/// <param name="Name">A display name.</param>
/// <param name="ModelType">The kind of model the project serves (<c>text</c>, <c>visual</c>).</param>
/// <param name="Review"><c>model_only</c> or <c>manual_review</c>.</param>
/// <param name="UserId">The owning user.</param>
/// <param name="Disabled">A disabled project accepts no new tasks.</param>
/// <param name="ConfigVersion">Bumped on every configuration change; results carry it.</param>
/// <param name="ConfigTag">An operator's label for the configuration, or null.</param>
/// <param name="SyncTimeoutSeconds">How long a sync request waits for its result.</param>
/// <param name="MaxTextLength">The longest <c>text_data</c> accepted, in characters.</param>
/// <param name="MaxBodyBytes">The largest request body accepted, in bytes.</param>
/// <param name="Thresholds">Per head, the lowest severity reported; in ordinal order of the head.</param>
/// <param name="RateLimit">The cluster-wide request rate, or null for none.</param>
/// <param name="DailyQuota">The cluster-wide cap on tasks per UTC day, or null for none.</param>
/// <param name="ChargePerTask">What one task costs.</param>
/// <param name="Blocklist">Text projects: terms always flagged.</param>
/// <param name="Allowlist">Text projects: terms the built-in lexicons never flag.</param>
/// <param name="FrameRate">Visual projects: frames sampled per second.</param>
/// <param name="HashBanks">Visual projects: the hash banks media is matched against.</param>
/// <param name="Keys">Key slots 1 and 2.</param>
/// <param name="CreatedOn">When the project was created.</param>
/// <param name="UpdatedOn">When its configuration last changed.</param>
/// <param name="ApiKeys">Only in the answer to creation: the two live keys in plain text. Absent otherwise.</param>
/// <param name="WebhookSecret">Only in the answer to creation: the secret callbacks are signed with. Absent otherwise.</param>
public sealed record ProjectDocument(
    long ProjectId,
    string Name,
    string ModelType,
    string Review,
    long UserId,
    bool Disabled,
    int ConfigVersion,
    string? ConfigTag,
    double SyncTimeoutSeconds,
    int MaxTextLength,
    long MaxBodyBytes,
    IReadOnlyDictionary<string, int> Thresholds,
    RateLimitDocument? RateLimit,
    long? DailyQuota,
    double ChargePerTask,
    IReadOnlyList<string> Blocklist,
    IReadOnlyList<string> Allowlist,
    double FrameRate,
    IReadOnlyList<string> HashBanks,
    IReadOnlyList<KeySlotDocument> Keys,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ApiKeys = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WebhookSecret = null)
{
    /// <summary>The document for a project as it stands.</summary>
    public static ProjectDocument From(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var config = project.Config;
        return new(
            config.ProjectId,
            config.Name,
            config.ModelType,
            config.Review,
            config.UserId,
            config.Disabled,
            config.ConfigVersion,
            config.ConfigTag,
            config.SyncTimeout.TotalSeconds,
            config.MaxTextLength,
            config.MaxBodyBytes,
            new SortedDictionary<string, int>(config.Thresholds.ToDictionary(), StringComparer.Ordinal),
            config.RateLimit is { } rate ? new RateLimitDocument(rate.PerSecond, rate.Burst) : null,
            config.DailyQuota,
            config.ChargePerTask,
            config.Blocklist,
            config.Allowlist,
            config.FrameRate,
            config.HashBanks,
            [.. project.Keys.Select(KeySlotDocument.From)],
            config.CreatedOn,
            config.UpdatedOn);
    }

    /// <summary>The answer to creating a project: the project, its keys and its webhook secret.</summary>
    public static ProjectDocument From(ProjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return From(created.Project) with { ApiKeys = created.ApiKeys, WebhookSecret = created.WebhookSecret };
    }
}
