using System.Security.Cryptography;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Projects;

internal sealed class ProjectGrain(
    [PersistentState(StorageNames.Project, StorageNames.Provider)] IPersistentState<ProjectState> state,
    TimeProvider time) : Grain, IProjectGrain
{
    public async Task<ProjectCreated> CreateAsync(ProjectSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Config is not null)
        {
            throw new InvalidOperationException($"Project {state.State.Config.ProjectId} already exists.");
        }

        var projectId = ParseProjectId(this.GetPrimaryKeyString());
        string[] keys = [NewSecret(), NewSecret()];
        var webhookSecret = "whsec_" + NewSecret();

        // Keys go live before the project is written: a crash in between leaves keys that resolve to a project
        // with no configuration, which the gateway treats as an invalid key; never a project without working keys.
        foreach (var key in keys)
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(ProjectKeys.ApiKeyGrainKey(key)).RegisterAsync(projectId);
        }

        state.State = new ProjectState
        {
            Config = new ProjectConfig
            {
                ProjectId = projectId,
                UserId = spec.UserId,
                Name = spec.Name,
                ModelType = spec.ModelType,
                Review = spec.Review,
                SyncTimeout = spec.SyncTimeout ?? ProjectDefaults.SyncTimeout,
                CreatedOn = time.GetUtcNow(),
            },
            ApiKeyHashes = [.. keys.Select(ProjectKeys.HashApiKey)],
            WebhookSecret = webhookSecret,
        };
        await state.WriteStateAsync();
        return new ProjectCreated { Project = state.State.Config, ApiKeys = keys, WebhookSecret = webhookSecret };
    }

    public Task<ProjectConfig?> GetConfigAsync() => Task.FromResult(state.State.Config);

    private static long ParseProjectId(string grainKey) =>
        grainKey.StartsWith("project-", StringComparison.Ordinal) && long.TryParse(grainKey.AsSpan("project-".Length), out var id)
            ? id
            : throw new ArgumentException($"'{grainKey}' is not a project grain key.", nameof(grainKey));

    /// <summary>256 bits from the OS generator, URL-safe so it fits a header unchanged.</summary>
    private static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
