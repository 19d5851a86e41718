using System.Collections.Concurrent;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// Each silo's compiled copy of projects' model settings (blocklists and allowlists), one per configuration
/// version. Compiling a 10,000-term list per task would dwarf the model run; asking the project grain per task would
/// make it hot. A task submitted under an older version gets the newest lists this silo has, which is at least as new.
/// </summary>
public sealed class ModelContextCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<long, (int Version, ModelContext Context)> _contexts = new();

    public async ValueTask<ModelContext> GetAsync(long projectId, int configVersion)
    {
        if (_contexts.TryGetValue(projectId, out var cached) && cached.Version >= configVersion)
        {
            return cached.Context;
        }

        var config = await grains.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(projectId)).GetConfigAsync();
        if (config is null)
        {
            return ModelContext.Empty;
        }

        var context = new ModelContext(TextCustomLists.Create(config.Blocklist, config.Allowlist));
        _contexts.AddOrUpdate(projectId, (config.ConfigVersion, context), (_, old) => old.Version >= config.ConfigVersion ? old : (config.ConfigVersion, context));
        return context;
    }
}
