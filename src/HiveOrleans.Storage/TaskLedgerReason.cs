namespace HiveOrleans.Storage;

/// <summary>What a task in the ledger still owes.</summary>
public enum TaskLedgerReason : short
{
    /// <summary>Processing: the task is not finished.</summary>
    Work = 0,

    /// <summary>A callback attempt failed and the next one is due at the entry's time.</summary>
    Callback = 1,
}
