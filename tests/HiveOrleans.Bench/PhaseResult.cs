namespace HiveOrleans.Bench;

/// <summary>One phase's figures, as they go into the results table.</summary>
internal sealed record PhaseResult(
    string Mode,
    string Phase,
    long Ok,
    long Errors,
    double PerSecond,
    LatencySummary Latency,
    PhaseResources Resources,
    string Notes);
