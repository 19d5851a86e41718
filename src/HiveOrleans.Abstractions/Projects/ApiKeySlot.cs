namespace HiveOrleans.Abstractions.Projects;

/// <summary>One of a project's two key slots, as an operator sees it (never the key itself).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ApiKeySlot")]
public sealed record ApiKeySlot
{
    /// <summary>1 or 2.</summary>
    [Id(0)] public required int Slot { get; init; }

    /// <summary>False once revoked (until the slot is rotated).</summary>
    [Id(1)] public required bool Live { get; init; }

    /// <summary>The key's first characters, to tell keys apart.</summary>
    [Id(2)] public string? Prefix { get; init; }

    /// <summary>When the key in this slot was made.</summary>
    [Id(3)] public DateTimeOffset? CreatedOn { get; init; }
}
