namespace HiveOrleans.Storage.Banks;

/// <summary>How many live hashes were removed, and the last change's sequence number (0 when none).</summary>
public sealed record HashRemoval(int Removed, long Seq);
