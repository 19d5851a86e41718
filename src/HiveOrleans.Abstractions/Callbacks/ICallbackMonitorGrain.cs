namespace HiveOrleans.Abstractions.Callbacks;

/// <summary>Answers operators' questions about callback delivery. A stateless worker: every silo answers locally from the task ledger.</summary>
[Alias("HiveOrleans.ICallbackMonitorGrain")]
public interface ICallbackMonitorGrain : IGrainWithIntegerKey
{
    /// <summary>A project's tasks whose callbacks are failing and will be retried, next retry first.</summary>
    [Alias("ListFailing")]
    Task<IReadOnlyList<FailingCallback>> ListFailingAsync(long projectId, int limit);
}
