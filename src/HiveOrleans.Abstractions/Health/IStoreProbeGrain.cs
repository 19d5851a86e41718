namespace HiveOrleans.Abstractions.Health;

/// <summary>Answers whether a silo can reach the store. A stateless worker, so every silo answers locally.</summary>
[Alias("HiveOrleans.IStoreProbeGrain")]
public interface IStoreProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Round-trips the store; throws when it cannot.</summary>
    [Alias("Probe")]
    Task ProbeAsync();
}
