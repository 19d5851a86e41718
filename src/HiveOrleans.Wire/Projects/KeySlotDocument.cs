using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Wire.Projects;

/// <summary>One of a project's two key slots, in <see cref="ProjectDocument"/>; never the key itself.</summary>
/// <param name="Slot">1 or 2.</param>
/// <param name="Live">False once revoked (until the slot is rotated).</param>
/// <param name="Prefix">The live key's first characters, to tell keys apart; null for a revoked slot.</param>
/// <param name="CreatedOn">When the key in this slot was made.</param>
public sealed record KeySlotDocument(int Slot, bool Live, string? Prefix, DateTimeOffset? CreatedOn)
{
    /// <summary>The document for <paramref name="slot"/>.</summary>
    public static KeySlotDocument From(ApiKeySlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(slot.Slot, slot.Live, slot.Live ? slot.Prefix : null, slot.CreatedOn);
    }
}
