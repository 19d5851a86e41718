using HiveOrleans.Abstractions.Models;

namespace HiveOrleans.Wire.Models;

/// <summary>Every registered model (<c>GET /admin/v1/models</c>), by name.</summary>
public sealed record ModelListDocument(IReadOnlyList<ModelDocument> Models)
{
    /// <summary>The list of <paramref name="models"/>.</summary>
    public static ModelListDocument From(IEnumerable<ModelDetails> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return new([.. models.Select(model => ModelDocument.From(model))]);
    }
}
