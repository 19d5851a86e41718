namespace HiveOrleans.Storage.Banks;

/// <summary>A bank created or deleted, and the sequence number of that change.</summary>
public sealed record HashBankWrite(string Name, DateTimeOffset At, long Seq);
