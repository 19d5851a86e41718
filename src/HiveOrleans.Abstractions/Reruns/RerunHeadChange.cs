namespace HiveOrleans.Abstractions.Reruns;

/// <summary>How many tasks' verdict on one head would move from <see cref="From"/> to <see cref="To"/>.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.RerunHeadChange")]
public sealed record RerunHeadChange(
    [property: Id(0)] string Head,
    [property: Id(1)] int From,
    [property: Id(2)] int To,
    [property: Id(3)] long Count);
