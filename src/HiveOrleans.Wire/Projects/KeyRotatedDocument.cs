namespace HiveOrleans.Wire.Projects;

/// <summary>The answer to rotating a key slot: the new key, shown this once.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Slot">The slot rotated, 1 or 2.</param>
/// <param name="ApiKey">The slot's new key in plain text.</param>
public sealed record KeyRotatedDocument(long ProjectId, int Slot, string ApiKey);
