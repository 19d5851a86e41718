using HiveOrleans.Abstractions.Models;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Storage.Models;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>
/// Curates one registered model. It has no grain state: the definition and file are a row of the store, which
/// every silo reads (<see cref="RegisteredModels"/>). One activation per name keeps registrations and deletions in order.
/// </summary>
internal sealed class ModelGrain(IModelStore store, RegisteredModels models, IOptions<RegisteredModelOptions> options, TimeProvider time) : Grain, IModelGrain
{
    private bool _deleting;

    private string Name => ModelKeys.ModelName(this.GetPrimaryKeyString());

    public async Task<ModelDetails> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var name = ModelRules.Name(Name);
        var definition = ModelRules.Check(registration.Definition);
        var content = definition.Kind == ModelKinds.Onnx ? await ContentAsync(registration, cancellationToken) : null;
        if (definition.Kind == ModelKinds.Remote && (registration.Content is not null || registration.Path is not null))
        {
            throw new ModelRequestException("A remote model takes no file: give 'remote' only.");
        }

        // Loading and probing burn CPU (and a remote probe waits on the network): off the grain's scheduler.
        var probed = await Task.Run(() => models.VerifyAsync(definition, content, cancellationToken), cancellationToken);
        probed.Dispose();

        var stored = new StoredModel(
            name,
            definition.Kind,
            ModelRules.Version(name, definition, content),
            ModelRules.Serialize(definition),
            content?.LongLength ?? 0,
            time.GetUtcNow());
        var replaced = await store.PutAsync(stored, content, cancellationToken);
        return RegisteredModels.ToDetails(stored, replaced);
    }

    public async Task<ModelDetails?> GetAsync(CancellationToken cancellationToken = default) =>
        !_deleting && await store.GetAsync(Name, cancellationToken) is { } stored ? RegisteredModels.ToDetails(stored) : null;

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        var name = Name;

        // Set before the first await: from here a project checking the name (GetAsync interleaves) finds none, and
        // one that found it before has finished writing its settings by the time it answers the scan below.
        _deleting = true;
        try
        {
            if (await store.GetAsync(name, cancellationToken) is null)
            {
                throw new ModelRequestException($"Model '{name}' not found.", ModelError.NotFound);
            }

            var users = await ProjectsUsingAsync(name);
            if (users.Count > 0)
            {
                throw new ModelRequestException(
                    $"Model '{name}' is in use by project(s) {string.Join(", ", users)}; take it out of their 'visual_models' first.",
                    ModelError.InUse);
            }

            await store.DeleteAsync(name, cancellationToken);
        }
        finally
        {
            _deleting = false;
        }
    }

    private async Task<List<long>> ProjectsUsingAsync(string name)
    {
        var last = await GrainFactory.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).GetLastProjectIdAsync();
        var configs = await Task.WhenAll(Enumerable.Range(1, (int)last)
            .Select(id => GrainFactory.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id)).GetConfigAsync()));
        return [.. configs.OfType<ProjectConfig>().Where(c => c.VisualModels?.Contains(name) == true).Select(c => c.ProjectId)];
    }

    private async Task<byte[]> ContentAsync(ModelRegistration registration, CancellationToken cancellationToken)
    {
        if (registration.Content is not null == registration.Path is not null)
        {
            throw new ModelRequestException("An ONNX model needs its file: upload it (the multipart part 'model') or give 'path' on the shared volume, not both.");
        }

        if (registration.Content is { } uploaded)
        {
            return uploaded.Length is > 0 and <= ModelRules.MaxContentBytes
                ? uploaded
                : throw new ModelRequestException($"The model file must be 1 byte to {ModelRules.MaxContentBytes / (1024 * 1024)} MiB; got {uploaded.LongLength} bytes.");
        }

        var shared = options.Value.SharedDirectory
            ?? throw new ModelRequestException("Registering by 'path' needs the silos' shared volume configured (HiveOrleans:Models:SharedDirectory); upload the file instead.");
        var root = Path.GetFullPath(shared) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(registration.Path!, root);
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new ModelRequestException($"'path' must name a file under the shared volume {root}.");
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ModelRequestException($"'path': no file at {path}.");
            }

            return info.Length is > 0 and <= ModelRules.MaxContentBytes
                ? await File.ReadAllBytesAsync(path, cancellationToken)
                : throw new ModelRequestException($"'path': the model file must be 1 byte to {ModelRules.MaxContentBytes / (1024 * 1024)} MiB; {path} has {info.Length} bytes.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelRequestException($"'path': {path} could not be read: {ex.Message}");
        }
    }
}
