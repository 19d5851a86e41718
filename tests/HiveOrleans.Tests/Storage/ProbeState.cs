using Orleans;

namespace HiveOrleans.Tests.Storage;

/// <summary>The state a storage probe grain persists: just enough to recognise it on the way back.</summary>
[GenerateSerializer]
internal sealed class ProbeState
{
    [Id(0)]
    public string? Text { get; set; }
}
