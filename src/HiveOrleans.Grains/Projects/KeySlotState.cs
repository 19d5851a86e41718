namespace HiveOrleans.Grains.Projects;

[GenerateSerializer, Alias("HiveOrleans.KeySlotState")]
public sealed class KeySlotState
{
    [Id(0)] public int Slot { get; set; }

    /// <summary>Lowercase hex SHA-256 of the key; null once revoked.</summary>
    [Id(1)] public string? Hash { get; set; }

    /// <summary>The key's first characters, so an operator can tell keys apart.</summary>
    [Id(2)] public string? Prefix { get; set; }

    [Id(3)] public DateTimeOffset? CreatedOn { get; set; }
}
