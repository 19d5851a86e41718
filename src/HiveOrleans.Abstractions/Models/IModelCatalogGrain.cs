namespace HiveOrleans.Abstractions.Models;

/// <summary>Lists the registered models. A stateless worker reading the store, so every silo answers locally.</summary>
[Alias("HiveOrleans.IModelCatalogGrain")]
public interface IModelCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Every registered model, ordered by name.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ModelDetails>> ListAsync(CancellationToken cancellationToken = default);
}
