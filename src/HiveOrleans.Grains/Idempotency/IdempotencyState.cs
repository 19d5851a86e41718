namespace HiveOrleans.Grains.Idempotency;

[GenerateSerializer, Alias("HiveOrleans.IdempotencyState")]
public sealed class IdempotencyState
{
    [Id(0)] public Guid TaskId { get; set; }

    [Id(1)] public DateTimeOffset ClaimedOn { get; set; }
}
