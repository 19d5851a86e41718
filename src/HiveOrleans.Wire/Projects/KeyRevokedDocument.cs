namespace HiveOrleans.Wire.Projects;

/// <summary>The answer to revoking a key slot.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Slot">The slot revoked, 1 or 2.</param>
/// <param name="Revoked">Always true: the slot's key no longer authenticates (within the gateways' cache bound).</param>
public sealed record KeyRevokedDocument(long ProjectId, int Slot, bool Revoked);
