namespace HiveOrleans.Grains.Projects;

[GenerateSerializer, Alias("HiveOrleans.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public long? ProjectId { get; set; }

    [Id(1)] public bool Revoked { get; set; }
}
