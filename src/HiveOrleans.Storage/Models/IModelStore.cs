namespace HiveOrleans.Storage.Models;

/// <summary>
/// Operator-registered models in the store (deploy/sql/*/060-models.sql): one row per name with its definition and,
/// for an ONNX model, the file, which every silo reads when it first needs that version. Behaves the same on SQLite
/// and PostgreSQL. Names and definitions must already be valid: the rules are the model grain's.
/// </summary>
public interface IModelStore
{
    /// <summary>Stores the model, replacing any row of that name; true when one was replaced.</summary>
    Task<bool> PutAsync(StoredModel model, byte[]? content, CancellationToken cancellationToken = default);

    /// <summary>The model's row, or <c>null</c>.</summary>
    Task<StoredModel?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every model, by name.</summary>
    Task<IReadOnlyList<StoredModel>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the model; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The ONNX file of <paramref name="name"/> at <paramref name="version"/>, or <c>null</c> when that version is no longer stored.</summary>
    Task<byte[]?> ReadContentAsync(string name, string version, CancellationToken cancellationToken = default);
}
