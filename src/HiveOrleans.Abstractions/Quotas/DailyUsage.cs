namespace HiveOrleans.Abstractions.Quotas;

/// <summary>A project's usage on one UTC day.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.DailyUsage")]
public sealed record DailyUsage
{
    /// <summary>The UTC day.</summary>
    [Id(0)] public required DateOnly Date { get; init; }

    /// <summary>Tasks accepted.</summary>
    [Id(1)] public long Tasks { get; init; }

    /// <summary>Their total charge.</summary>
    [Id(2)] public double Charge { get; init; }

    /// <summary>Requests turned away by a limit.</summary>
    [Id(3)] public long Rejected { get; init; }
}
