namespace HiveOrleans.Wire.Banks;

/// <summary>The answer to deleting a bank.</summary>
/// <param name="Name">The bank.</param>
/// <param name="Deleted">Always true.</param>
/// <param name="Seq">The change sequence number of the deletion: every silo's matcher has dropped the bank once it has applied it.</param>
public sealed record BankDeletedDocument(string Name, bool Deleted, long Seq);
