using System.Security.Cryptography;
using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Abstractions.Models;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Ocr;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Wire.Rules;

namespace HiveOrleans.Grains.Projects;

internal sealed class ProjectGrain(
    [PersistentState(StorageNames.Project, StorageNames.Provider)] IPersistentState<ProjectState> state,
    TimeProvider time,
    TesseractOcr tesseract) : Grain, IProjectGrain
{
    private static readonly int[] Slots = [1, 2];

    private ProjectConfig Config => state.State.Config ?? throw new ProjectRequestException("Project not found.", notFound: true);

    public async Task<ProjectCreated> CreateAsync(ProjectSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Config is not null)
        {
            throw new ProjectRequestException($"Project {state.State.Config.ProjectId} already exists.");
        }

        ProjectSettingsRules.ValidateModelType(spec.ModelType);
        var now = time.GetUtcNow();
        var blank = new ProjectConfig
        {
            ProjectId = ParseProjectId(this.GetPrimaryKeyString()),
            UserId = 1,
            Name = "",
            ModelType = spec.ModelType,
            Review = ReviewModes.ModelOnly,
            CreatedOn = now,
        };
        var config = ProjectSettingsRules.Apply(blank, spec.Settings, now, HeadsOf, await RegisteredModelsAsync(spec.Settings, blank));
        await RequireBanksExistAsync(config.HashBanks);
        await RequireOcrLanguagesAsync(config.OcrLanguages);

        // Keys go live before the project is written: a crash in between leaves keys that resolve to a project
        // with no configuration, which the gateway treats as invalid keys; never a project without working keys.
        var keys = new List<string>();
        var slots = new List<KeySlotState>();
        foreach (var slot in Slots)
        {
            var (key, slotState) = await IssueKeyAsync(config.ProjectId, slot, now);
            keys.Add(key);
            slots.Add(slotState);
        }

        var webhookSecret = NewWebhookSecret();
        state.State = new ProjectState { Config = config, Keys = slots, WebhookSecret = webhookSecret };
        await state.WriteStateAsync();
        return new ProjectCreated { Project = Details(), ApiKeys = keys, WebhookSecret = webhookSecret };
    }

    public Task<ProjectConfig?> GetConfigAsync() => Task.FromResult(state.State.Config);

    public Task<ProjectDetails?> GetDetailsAsync() => Task.FromResult(state.State.Config is null ? null : Details());

    public async Task<ProjectConfig> PreviewAsync(ProjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ProjectSettingsRules.Apply(Config, settings, time.GetUtcNow(), HeadsOf, await RegisteredModelsAsync(settings, Config));
    }

    public async Task<ProjectDetails> UpdateAsync(ProjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var updated = ProjectSettingsRules.Apply(Config, settings, time.GetUtcNow(), HeadsOf, await RegisteredModelsAsync(settings, Config));
        if (settings.OcrLanguages is not null)
        {
            await RequireOcrLanguagesAsync(updated.OcrLanguages);
        }

        if (settings.HashBanks is not null)
        {
            await RequireBanksExistAsync(updated.HashBanks);
        }

        await SaveConfigAsync(updated);
        return Details();
    }

    public async Task<ProjectDetails> SetDisabledAsync(bool disabled)
    {
        if (Config.Disabled != disabled)
        {
            await SaveConfigAsync(Config with { Disabled = disabled, UpdatedOn = time.GetUtcNow() });
        }

        return Details();
    }

    public async Task<string> RotateKeyAsync(int slot)
    {
        var slotState = SlotOf(slot);
        var (key, fresh) = await IssueKeyAsync(Config.ProjectId, slot, time.GetUtcNow());
        var old = slotState.Hash;
        slotState.Hash = fresh.Hash;
        slotState.Prefix = fresh.Prefix;
        slotState.CreatedOn = fresh.CreatedOn;
        await state.WriteStateAsync();

        // The old key dies only after the new one is live and recorded; a crash in between leaves it working, not the slot empty.
        if (old is not null)
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(ProjectKeys.ApiKeyGrainKeyForHash(old)).RevokeAsync();
        }

        return key;
    }

    public async Task<ProjectDetails> RevokeKeyAsync(int slot)
    {
        var slotState = SlotOf(slot);
        if (slotState.Hash is { } hash)
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(ProjectKeys.ApiKeyGrainKeyForHash(hash)).RevokeAsync();
            slotState.Hash = null;
            await state.WriteStateAsync();
        }

        return Details();
    }

    public async Task<WebhookSecrets> RotateWebhookSecretAsync(TimeSpan overlap)
    {
        _ = Config;
        state.State.PreviousWebhookSecret = state.State.WebhookSecret;
        state.State.PreviousWebhookSecretValidUntil = time.GetUtcNow() + overlap;
        state.State.WebhookSecret = NewWebhookSecret();
        await state.WriteStateAsync();
        return Secrets()!;
    }

    public Task<WebhookSecrets?> GetWebhookSecretsAsync() => Task.FromResult(state.State.Config is null ? null : Secrets());

    private WebhookSecrets? Secrets()
    {
        var previousLive = state.State.PreviousWebhookSecretValidUntil > time.GetUtcNow();
        return new WebhookSecrets
        {
            Current = state.State.WebhookSecret!,
            Previous = previousLive ? state.State.PreviousWebhookSecret : null,
            PreviousValidUntil = previousLive ? state.State.PreviousWebhookSecretValidUntil : null,
        };
    }

    /// <summary>
    /// The registered models the settings or the configuration name in <c>visual_models</c>, with their classes; a
    /// name that is not registered is left out, so the rules refuse it. A model being deleted counts as not registered
    /// (<see cref="IModelGrain.GetAsync"/>), and its deletion, which asks every project for its settings, sees ours
    /// once this update is written: a model is never deleted from under a project that names it.
    /// </summary>
    /// <summary>
    /// Chosen OCR languages must be installed on this silo (silos are expected to be alike): a 400 naming the Debian
    /// package to install beats tasks that all fail later.
    /// </summary>
    private async Task RequireOcrLanguagesAsync(IReadOnlyList<string>? languages)
    {
        if (languages is null)
        {
            return;
        }

        IReadOnlySet<string> installed;
        try
        {
            // Off the grain scheduler: the first call starts tesseract to list them.
            installed = await Task.Run(() => tesseract.LanguagesAsync());
        }
        catch (MediaToolNotFoundException ex)
        {
            throw new ProjectRequestException($"'ocr_languages' cannot be checked: {ex.Message}.");
        }

        var missing = languages.Where(language => !installed.Contains(language)).ToList();
        if (missing.Count > 0)
        {
            throw new ProjectRequestException(
                $"'ocr_languages' names {string.Join(", ", missing)}, not installed on the silos; install the Debian package(s) {string.Join(", ", missing.Select(TesseractOcr.LanguagePackage))} (installed: {string.Join(", ", installed.Order(StringComparer.Ordinal))}).");
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> RegisteredModelsAsync(ProjectSettings settings, ProjectConfig config)
    {
        var names = (settings.VisualModels ?? []).Select(m => m.Trim()).Concat(config.VisualModels ?? [])
            .Where(m => !VisualModels.Known.Contains(m) && m.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (await GrainFactory.GetGrain<IModelGrain>(ModelKeys.GrainKey(name)).GetAsync() is { } model)
            {
                found[name] = model.ClassNames;
            }
        }

        return found;
    }

    /// <summary>A project attaches only banks that exist (a bank deleted later simply matches nothing).</summary>
    private async Task RequireBanksExistAsync(IReadOnlyList<string> banks)
    {
        foreach (var bank in banks)
        {
            if (await GrainFactory.GetGrain<IHashBankGrain>(HashBankKeys.GrainKey(bank)).GetAsync() is null)
            {
                throw new ProjectRequestException($"'hash_banks' names '{bank}', which is not a bank; create it first (POST /admin/v1/banks).");
            }
        }
    }

    private async Task SaveConfigAsync(ProjectConfig config)
    {
        state.State.Config = config with { ConfigVersion = Config.ConfigVersion + 1 };
        await state.WriteStateAsync();
    }

    private KeySlotState SlotOf(int slot)
    {
        _ = Config;
        return state.State.Keys.SingleOrDefault(k => k.Slot == slot)
            ?? throw new ProjectRequestException("A project has key slots 1 and 2.");
    }

    private async Task<(string Key, KeySlotState Slot)> IssueKeyAsync(long projectId, int slot, DateTimeOffset now)
    {
        var key = ProjectKeys.NewApiKey();
        await GrainFactory.GetGrain<IApiKeyGrain>(ProjectKeys.ApiKeyGrainKey(key)).RegisterAsync(projectId);
        return (key, new KeySlotState { Slot = slot, Hash = ProjectKeys.HashApiKey(key), Prefix = key[..6], CreatedOn = now });
    }

    private ProjectDetails Details() => new()
    {
        Config = Config,
        Keys = [.. state.State.Keys.Select(k => new ApiKeySlot { Slot = k.Slot, Live = k.Hash is not null, Prefix = k.Prefix, CreatedOn = k.CreatedOn })],
    };

    private static long ParseProjectId(string grainKey) =>
        grainKey.StartsWith("project-", StringComparison.Ordinal) && long.TryParse(grainKey.AsSpan("project-".Length), out var id)
            ? id
            : throw new ArgumentException($"'{grainKey}' is not a project grain key.", nameof(grainKey));

    /// <summary>Standard Webhooks' form: <c>whsec_</c> and the base64 of 32 random bytes, which receivers' libraries decode as the key.</summary>
    private static string NewWebhookSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The classes a project's thresholds may name: the text engine's heads for text projects.</summary>
    private static IReadOnlyList<string> HeadsOf(string modelType) => modelType is ModelTypes.Text or ModelTypes.Ocr ? TextHeads.All : [];
}
