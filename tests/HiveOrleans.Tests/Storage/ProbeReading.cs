using Orleans;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// What a storage probe grain holds right now, in each of its two stores. The activation id tells
/// a test whether it is talking to a fresh activation, i.e. whether the state came from storage.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record ProbeReading(
    [property: Id(0)] Guid ActivationId,
    [property: Id(1)] string? KeptText,
    [property: Id(2)] bool KeptExists,
    [property: Id(3)] string? DeletedText,
    [property: Id(4)] bool DeletedExists);
