namespace HiveOrleans.Storage.Banks;

/// <summary>A bank created, changed or deleted, and the sequence number of that change (of the bank's last, when a change altered nothing the feed carries).</summary>
public sealed record HashBankWrite(string Name, DateTimeOffset At, long Seq);
