using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Grains.Models;

/// <summary>What a model needs from its project beyond the submission: compiled once per configuration version.</summary>
public sealed record ModelContext(TextCustomLists TextLists)
{
    public static ModelContext Empty { get; } = new(TextCustomLists.Empty);
}
