namespace HiveOrleans.Wire.Banks;

/// <summary>The answer to <c>PATCH /admin/v1/banks/{name}</c>: the bank as it is now, and the change's sequence number.</summary>
/// <param name="Bank">The bank after the change.</param>
/// <param name="Seq">
/// The change's place in the banks' change feed (the bank's last change when nothing the matchers follow changed); a
/// silo that has applied it matches with the new setting.
/// </param>
public sealed record BankUpdatedDocument(BankDocument Bank, long Seq);
