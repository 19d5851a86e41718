namespace HiveOrleans.Storage.Tasks;

/// <summary>What a task that is due still owes.</summary>
public enum TaskLedgerReason : short
{
    /// <summary>Processing: the task is not finished.</summary>
    Work = 0,

    /// <summary>The task is finished and its callback is still owed (an attempt is in flight or a retry is due).</summary>
    Callback = 1,

    /// <summary>Waiting for a reviewer; due when the review's time runs out (never, when it has no time limit).</summary>
    Review = 2,
}
