namespace HiveOrleans.Wire.Projects;

/// <summary>The answer to rotating a project's webhook secret: the new secret, shown this once.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="WebhookSecret">The new secret.</param>
/// <param name="PreviousValidUntil">Until when callbacks also carry a signature with the previous secret; null when there was none.</param>
public sealed record WebhookSecretRotatedDocument(long ProjectId, string WebhookSecret, DateTimeOffset? PreviousValidUntil);
