namespace HiveOrleans.Abstractions.Projects;

/// <summary>
/// Owns one project: its configuration, the hashes of its two API keys and its webhook secrets.
/// Keyed by <see cref="ProjectKeys.GrainKey"/> (<c>project-N</c>): a non-hex prefix, so Orleans' ADO.NET storage keeps it a string.
/// Operations that the operator got wrong throw <see cref="ProjectRequestException"/>.
/// </summary>
[Alias("HiveOrleans.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>Creates the project and its two live API keys; the plain keys are in the answer and nowhere else.</summary>
    [Alias("Create")]
    Task<ProjectCreated> CreateAsync(ProjectSpec spec);

    /// <summary>The project's configuration, or <c>null</c> when it does not exist.</summary>
    [Alias("GetConfig")]
    Task<ProjectConfig?> GetConfigAsync();

    /// <summary>The project as the operator sees it, or <c>null</c> when it does not exist.</summary>
    [Alias("GetDetails")]
    Task<ProjectDetails?> GetDetailsAsync();

    /// <summary>Applies the settings that are given and bumps the configuration version.</summary>
    [Alias("Update")]
    Task<ProjectDetails> UpdateAsync(ProjectSettings settings);

    /// <summary>
    /// The configuration <see cref="UpdateAsync"/> would make of <paramref name="settings"/>, checked the same way,
    /// without saving it (a rerun's settings to try). Throws <see cref="ProjectRequestException"/> as an update would.
    /// </summary>
    [Alias("Preview")]
    Task<ProjectConfig> PreviewAsync(ProjectSettings settings);

    /// <summary>Disables (no new tasks) or re-enables the project.</summary>
    [Alias("SetDisabled")]
    Task<ProjectDetails> SetDisabledAsync(bool disabled);

    /// <summary>Puts a new key in <paramref name="slot"/> (1 or 2), revoking the one there; the other slot keeps working.</summary>
    [Alias("RotateKey")]
    Task<string> RotateKeyAsync(int slot);

    /// <summary>Revokes the key in <paramref name="slot"/>; the slot stays empty until rotated.</summary>
    [Alias("RevokeKey")]
    Task<ProjectDetails> RevokeKeyAsync(int slot);

    /// <summary>Makes a new webhook secret; the previous one keeps signing alongside it for <paramref name="overlap"/>.</summary>
    [Alias("RotateWebhookSecret")]
    Task<WebhookSecrets> RotateWebhookSecretAsync(TimeSpan overlap);

    /// <summary>The secrets to sign callbacks with now.</summary>
    [Alias("GetWebhookSecrets")]
    Task<WebhookSecrets?> GetWebhookSecretsAsync();
}
